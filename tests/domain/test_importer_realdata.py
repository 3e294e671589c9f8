# ruff: noqa: E501  (real contract titles: en dashes, curly quotes, long lines)
"""The contract import parser on real contracts (../shared/realdata): outlines, noise, coverage.

The expected outlines were checked by reading each contract's body headings against its table
of contents (grep of ARTICLE / APPENDIX / ADDENDUM / EXHIBIT / SCHEDULE / LETTER OF AGREEMENT
lines after the contents, ignoring running headers and footers).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

import pytest

from bargaining.domain.intake.parse import ParsedContract, parse_contract
from tests.helpers import REALDATA

BENTON = [
    ("Preamble", "PREAMBLE", "preamble"),
    ("1", "RECOGNITION"),
    ("2", "GENERAL PROVISIONS"),
    ("3", "MANAGEMENT RIGHTS"),
    ("4", "ASSOCIATION RIGHTS"),
    ("5", "ASSOCIATION ACTIVITY"),
    ("6", "STRIKES AND LOCKOUTS"),
    ("7", "HOURS OF WORK AND OVERTIME"),
    ("8", "HOLIDAYS"),
    ("9", "WEATHER AND DISASTER EMERGENCIES"),
    ("10", "PAID TIME OFF (PTO) AND PERSONAL LEAVE"),
    ("11", "SICK LEAVE"),
    ("12", "MEDICAL AND OTHER LEAVES OF ABSENCE"),
    ("13", "WAGES AND SALARIES"),
    ("14", "HEALTH AND WELFARE"),
    ("15", "PROFESSIONAL DEVELOPMENT"),
    ("16", "PROBATIONARY PERIOD"),
    ("17", "SENIORITY"),
    ("18", "CLASSIFICATION"),
    ("19", "SAFETY"),
    ("20", "RETIREMENT PROGRAM"),
    ("21", "NURSE DISCIPLINE"),
    ("22", "MISCELLANEOUS PROVISIONS"),
    ("23", "GRIEVANCE PROCEDURE"),
    ("24", "LABOR MANAGEMENT ADVISORY COMMITTEE (LMAC)"),
    ("25", "SAVINGS CLAUSE"),
    ("26", "TERM OF AGREEMENT"),
    ("Appendix A", "Oregon Nurses Association (ONA) Employees Salary Schedule -07/01/2025", "appendix"),
]

COOS = [
    ("1", "PREAMBLE"),
    ("2", "DEFINITION OF TERMS"),
    ("3", "RECOGNITION"),
    ("4", "RIGHTS OF PARTIES"),
    ("5", "MANAGEMENT RIGHTS"),
    ("6", "WORK RULES"),
    ("7", "ASSOCIATION MEMBERSHIP"),
    ("8", "HOLIDAYS"),
    ("9", "VACATION LEAVE"),
    ("16", "SICK LEAVE"),
    ("11", "OTHER LEAVE"),
    ("12", "HOURS OF WORK"),
    ("13", "OVERTIME"),
    ("14", "WAGES"),
    ("15", "HEALTH & LIFE INSURANCE"),
    ("16 (2)", "PENSION"),
    ("17", "WORKERS' COMPENSATION"),
    ("18", "OTHER BENEFITS"),
    ("19", "ADJUDICATION OF RIGHTS"),
    ("20", "SPECIAL CONFERENCES"),
    ("21", "DISCIPLINE AND DISCHARGE"),
    ("22", "GENERAL PROVISIONS"),
    ("23", "SENIORITY AND LAY OFF"),
    ("24", "STRIKES AND LOCKOUTS"),
    ("25", "WARRANTY OF AUTHORITY"),
    ("26", "REPRODUCTION COSTS"),
    ("27", "SAVINGS CLAUSE"),
    ("28", "CONTRACT NEGOTIATIONS"),
    ("29", "DURATION AND TERMINATION"),
]

LANE_NURSES = [
    ("Agreement", "AGREEMENT", "preamble"),
    ("Definitions", "DEFINITIONS", "preamble"),
    ("Preamble", "PREAMBLE", "preamble"),
    ("1", "RECOGNITION"),
    ("2", "MANAGEMENT RIGHTS"),
    ("3", "DEDUCTION OF DUES AND FEES"),
    ("4", "UNION RIGHTS"),
    ("5", "DISCIPLINE AND DISCHARGE"),
    ("6", "GRIEVANCE PROCEDURE"),
    ("7", "GENERAL PROVISIONS"),
    ("8", "SELECTION/PROMOTION"),
    ("9", "HOURS OF WORK AND OVERTIME"),
    ("10", "WAGES"),
    ("11", "LEAVE TIME AND HOLIDAYS"),
    ("12", "INSURANCE AND RELATED"),
    ("13", "SAFETY"),
    ("14", "TRAINING"),
    ("15", "SENIORITY"),
    ("16", "LAYOFF AND RECALL"),
    ("17", "RELATIONSHIPS"),
    ("18", "EXPANDED PRACTICE DENTAL HYGIENISTS"),
    ("19", "ADVANCED PRACTICE CLINICIANS"),
    ("20", "TERMINATION"),
    ("Appendix A", "Flex-Staffed Classification Series", "appendix"),
    ("Appendix B", "Classifications", "appendix"),
    ("Appendix C", "Bilingual Classifications", "appendix"),
    ("Appendix D", "INFORMATION REQUESTS", "appendix"),
    ("Exhibit A", "Template – Stipulated Protective Order", "appendix"),
    ("Exhibit B", "Template – Stipulated Protective Agreement", "appendix"),
    ("Schedule A", "Salary Tables", "appendix"),
]

MULTNOMAH = [
    ("1", "PREAMBLE"),
    ("2", "RECOGNITION"),
    ("3", "DEFINITIONS"),
    ("4", "MANAGEMENT RIGHTS"),
    ("5", "UNION SECURITY, CHECK OFF, AND BUSINESS"),
    ("6", "NO STRIKE OR LOCKOUT"),
    ("7", "COMPENSATION"),
    ("8", "HEALTH AND WELFARE"),
    ("9", "PAID LEAVES"),
    ("10", "WORKERS’ COMPENSATION AND SUPPLEMENTAL BENEFITS"),
    ("11", "SENIORITY AND LAYOFF"),
    ("12", "PERSONNEL FILE"),
    ("13", "EMPLOYMENT RELATIONS COMMITTEE"),
    ("14", "DISCIPLINARY ACTION"),
    ("15", "SETTLEMENT OF DISPUTES"),
    (
        "16",
        "MODIFICATION OF WORK PERFORMED BY THE BARGAINING UNIT: CONTRACTING, INTERGOVERNMENTAL AGREEMENTS",
    ),
    ("17", "SAFETY AND HEALTH"),
    ("18", "GENERAL PROVISIONS"),
    ("19", "SAVINGS CLAUSE AND FUNDING"),
    ("20", "ENTIRE AGREEMENT"),
    ("21", "TERMINATION"),
    ("Addendum A", "SALARY SCHEDULE", "appendix"),
    ("Addendum B", "DRUG AND ALCOHOL POLICY", "appendix"),
    (
        "Addendum C",
        "MEMORANDUM OF AGREEMENT - ICS PRIMARY CARE PHYSICIANS FTE FOR ALLOTTED INDIRECT PATIENT CARE TIME",
        "side_letter",
    ),
    (
        "Addendum D",
        "MEMORANDUM OF AGREEMENT - CORRECTIONS HEALTH PROVIDER (PHYSICIANS AND PSYCHIATRISTS) RECRUITMENT AND RETENTION ADDITIONAL LEAVE PROGRAM",
        "side_letter",
    ),
]

OHA_2023 = [
    ("Preamble", "PREAMBLE", "preamble"),
    ("1", "RECOGNITION"),
    ("2", "EFFECT OF LAW AND RULES"),
    ("3", "LEGISLATIVE ACTION"),
    ("4", "UNION SECURITY"),
    ("5", "MAINTENANCE OF STANDARDS"),
    ("6", "STRIKES AND LOCKOUTS"),
    ("7", "SAVINGS CLAUSE"),
    ("8", "MANAGEMENT'S RIGHTS"),
    ("9", "CONTRACTING OUT"),
    ("10", "EQUAL OPPORTUNITY"),
    ("11", "CLINICAL POLICY MATTERS"),
    ("12", "SALARIES"),
    ("13", "WORK SCHEDULES"),
    ("14", "PHYSICIAN ON DUTY/ON CALL"),
    ("15", "BENEFITS"),
    ("16", "TRAVEL, MILEAGE AND MOVING EXPENSE REIMBURSEMENT"),
    ("17", "PERSONAL LEAVE"),
    ("18", "RECOUPMENT OF WAGE AND BENEFIT OVERPAYMENTS/ UNDERPAYMENTS"),
    ("19", "TRAINING AND EDUCATION"),
    ("20", "TRIAL SERVICE"),
    ("21", "DISCIPLINE AND DISCHARGE"),
    ("22", "GRIEVANCE PROCEDURE"),
    ("23", "PERSONNEL RECORDS"),
    ("24", "LAYOFF"),
    ("25", "POSTING"),
    ("26", "IMPLEMENTATION OF NEW CLASSES—APPEALS PROCESS"),
    ("27", "INCLEMENT WEATHER/HAZARDOUS CONDITIONS LEAVE"),
    ("28", "TERM OF AGREEMENT"),
    ("29", "QUARTERLY CHECK-INS"),
    ("30", "HEALTH AND SAFETY"),
    ("31", "VOLUNTARY MEDICAL SEPARATION"),
    ("32", "EXIT INTERVIEWS"),
    ("33", "CRITICAL NEED DIFFERENTIAL AND PROCEDURES"),
    ("34", "AIR QUALITY"),
    ("35", "WORKING REMOTELY"),
    ("36", "PAID LEAVE OREGON"),
    ("37", "WORK OUT OF CLASSIFCATION"),
    ("LOA 1", "LETTER OF AGREEMENT - ARTICLE 9, CONTRACTING OUT FEASIBILITY STUDY", "side_letter"),
    ("LOA 2", "LETTER OF AGREEMENT – ARTICLE 12 - SALARY AND BENEFIT REPORT", "side_letter"),
    ("LOA 3", "LETTER OF AGREEMENT – ARTICLE 12 - SALARY RANGE TRUNCATION", "side_letter"),
    ("LOA 4", "LETTER OF AGREEMENT – ARTICLE 12 – ONE-TIME PAYMENT COLA", "side_letter"),
    ("LOA 5", "LETTER OF AGREEMENT – ARTICLE 15 - PEBB MEMBER ADVISORY COMMITTEE", "side_letter"),
    ("LOA 6", "LETTER OF AGREEMENT – NEW EMPLOYEE NOTICE/UNION ACCESS", "side_letter"),
    ("LOA 7", "LETTER OF AGREEMENT – OREGON UNIONS STATE WORKER TRAINING FUND", "side_letter"),
    ("LOA 8", "LETTER OF AGREEMENT – CONTRACT SPECIALIST", "side_letter"),
    (
        "LOA 9",
        "LETTER OF AGREEMENT – ESSENTIAL WORKER INCLEMENT WEATHER/HAZARDOUS CONDITIONS PAY",
        "side_letter",
    ),
    ("LOA 10", "LETTER OF AGREEMENT – NATURAL DISASTER LEAVE", "side_letter"),
    ("LOA 11", "LETTER OF AGREEMENT – STATE POLICY 50.050.01 WORKING REMOTELY UPDATES", "side_letter"),
    ("LOA 12", "LETTER OF AGREEMENT – CHILDCARE AND ELDERCARE EXPLORATORY COMMITTEE", "side_letter"),
    ("LOA 13", "LETTER OF AGREEMENT – PAY EQUITY", "side_letter"),
    ("LOA 14", "LETTER OF AGREEMENT—BI-WEEKLY PAY PERIOD/WORKDAY", "side_letter"),
    ("LOA 15", "LETTER OF AGREEMENT – LEADWORKER PSYCHIATRIC ADMITTING TEAM", "side_letter"),
    ("Appendix A", "COMPENSATION PLAN", "appendix"),
]

OHA_2025 = [
    ("Preamble", "PREAMBLE", "preamble"),
    ("1", "RECOGNITION"),
    ("2", "EFFECT OF LAW AND RULES"),
    ("3", "LEGISLATIVE ACTION"),
    ("4", "UNION SECURITY"),
    ("5", "MAINTENANCE OF STANDARDS"),
    ("6", "STRIKES AND LOCKOUTS"),
    ("7", "SAVINGS CLAUSE"),
    ("8", "MANAGEMENT'S RIGHTS"),
    ("9", "CONTRACTING OUT"),
    ("10", "EQUAL OPPORTUNITY"),
    ("11", "CLINICAL POLICY MATTERS"),
    ("12", "SALARIES"),
    ("13", "WORK SCHEDULES"),
    ("14", "PHYSICIAN ON DUTY/ON CALL"),
    ("15", "BENEFITS"),
    ("16", "TRAVEL, MILEAGE AND MOVING EXPENSE REIMBURSEMENT"),
    ("17", "PERSONAL LEAVE"),
    ("18", "RECOUPMENT OF WAGE AND BENEFIT OVERPAYMENTS/ UNDERPAYMENTS"),
    ("19", "TRAINING AND EDUCATION"),
    ("20", "TRIAL SERVICE"),
    ("21", "DISCIPLINE AND DISCHARGE"),
    ("22", "GRIEVANCE PROCEDURE"),
    ("23", "PERSONNEL RECORDS"),
    ("24", "LAYOFF"),
    ("25", "POSTING"),
    ("26", "IMPLEMENTATION OF NEW CLASSES—APPEALS PROCESS"),
    ("27", "INCLEMENT WEATHER/HAZARDOUS CONDITIONS LEAVE"),
    ("28", "TERM OF AGREEMENT"),
    ("29", "QUARTERLY CHECK-INS"),
    ("30", "HEALTH AND SAFETY"),
    ("31", "VOLUNTARY MEDICAL SEPARATION"),
    ("32", "EXIT INTERVIEWS"),
    ("33", "CRITICAL NEED DIFFERENTIAL AND PROCEDURES"),
    ("34", "AIR QUALITY"),
    ("35", "WORKING REMOTELY"),
    ("36", "PAID LEAVE OREGON"),
    ("37", "WORK OUT OF CLASSIFCATION"),
    ("38", "ESSENTIAL WORKER PAY"),
    ("LOA 1", "LETTER OF AGREEMENT - ARTICLE 9, CONTRACTING OUT FEASIBILITY STUDY", "side_letter"),
    ("LOA 2", "LETTER OF AGREEMENT – ARTICLE 12 - SALARY AND BENEFIT REPORT", "side_letter"),
    ("LOA 3", "LETTER OF AGREEMENT – ARTICLE 15 - PEBB MEMBER ADVISORY COMMITTEE", "side_letter"),
    ("LOA 4", "LETTER OF AGREEMENT – NEW EMPLOYEE NOTICE/UNION ACCESS", "side_letter"),
    ("LOA 5", "LETTER OF AGREEMENT – OREGON UNIONS STATE WORKER TRAINING FUND", "side_letter"),
    ("LOA 6", "LETTER OF AGREEMENT – CONTRACT SPECIALIST", "side_letter"),
    ("LOA 7", "LETTER OF AGREEMENT – STATE POLICY 50.050.01 WORKING REMOTELY UPDATES", "side_letter"),
    ("LOA 8", "LETTER OF AGREEMENT – EQUAL PAY", "side_letter"),
    ("LOA 9", "LETTER OF AGREEMENT – STRUCTURAL CHANGES TO PAY PRACTICES", "side_letter"),
    ("LOA 10", "LETTER OF AGREEMENT – STATEWIDE LABOR MANAGEMENT COMMITTEE", "side_letter"),
    (
        "LOA 11",
        "LETTER OF AGREEMENT – ADMINISTRATIVE LEAVE/DUTY STATIONED AT HOME INVESTIGATION COMMUNICATION",
        "side_letter",
    ),
    ("LOA 12", "LETTER OF AGREEMENT – LEADWORKER PSYCHIATRIC ADMITTING TEAM", "side_letter"),
    ("Appendix A", "COMPENSATION PLAN", "appendix"),
]

OSH_2023 = [
    ("Preamble", "PREAMBLE", "preamble"),
    ("1", "RECOGNITION"),
    ("2", "SCOPE OF AGREEMENT"),
    ("3", "EFFECT OF LAW AND RULES"),
    ("4", "LEGISLATIVE ACTION"),
    ("5", "EQUAL EMPLOYMENT OPPORTUNITY AND AFFIRMATIVE ACTION"),
    ("6", "STRIKES AND LOCKOUTS"),
    ("7", "SAVINGS CLAUSE"),
    ("8", "MANAGEMENT'S RIGHTS"),
    ("9", "UNION SECURITY"),
    ("10", "UNION PRIVILEGES AND LIMITATIONS"),
    ("11", "NEGOTIATING TEAM"),
    ("12", "WORK SCHEDULES"),
    ("13", "OVERTIME"),
    ("14", "REPORTING TIME"),
    ("16", "SALARY"),
    ("17", "WORKERS' COMPENSATION APPLICATIONS"),
    ("18", 'PERS "PICK-UP"'),
    ("19", "PER DIEM DIFFERENTIAL"),
    ("20", "DIFFERENTIALS"),
    ("21", "ON-CALL/CALL BACK"),
    ("22", "POSITION DESCRIPTION"),
    ("23", "QUARTERLY CHECK-INS"),
    ("24", "SALARY ADMINISTRATION"),
    ("25", "TRAVEL, MILEAGE AND MOVING EXPENSE REIMBURSEMENTS"),
    ("26", "MEALS"),
    ("27", "REVIEW OF CLASSIFICATION SERIES"),
    ("28", "RECLASSIFICATION PROCEDURE"),
    ("30", "IMPLEMENTATION OF NEW CLASSES—APPEALS PROCESS"),
    ("32", "REINSTATEMENT AFTER SEPARATION"),
    ("33", "PERSONNEL ADMINISTRATION"),
    ("34", "PERSONNEL RECORDS"),
    ("35", "TRIAL SERVICE"),
    ("36", "FILLING OF POSITIONS"),
    ("37", "LAYOFF AND RECALL"),
    ("38", "HOLIDAYS"),
    ("39", "VACATIONS"),
    ("40", "SICK LEAVE"),
    ("41", "HARDSHIP LEAVE"),
    ("42", "PRE-RETIREMENT COUNSELING LEAVE"),
    ("43", "LEAVE OF ABSENCE WITH PAY"),
    ("44", "LEAVE OF ABSENCE WITHOUT PAY"),
    ("45", "LEAVE ADMINISTRATION"),
    ("46", "UTILIZATION OF BENEFIT TIME"),
    ("47", "VACATION AND SICK LEAVE CREDITS UPON TRANSFER"),
    ("48", "RESTORATION OF SICK LEAVE CREDIT"),
    ("49", "EFFECT OF LEAVE WITHOUT PAY"),
    ("50", "INSURANCE"),
    ("51", "INCLEMENT WEATHER/HAZARDOUS CONDITIONS LEAVE"),
    ("52", "HEALTH AND SAFETY"),
    ("53", "STAFF DEVELOPMENT"),
    ("54", "GRIEVANCE AND ARBITRATION"),
    ("55", "DISCIPLINE AND DISCHARGE"),
    ("56", "RECOUPMENT OF WAGE AND BENEFIT OVERPAYMENTS AND UNDERPAYMENTS"),
    ("57", "ABUSE/NEGLECT INVESTIGATIONS"),
    ("58", "COMPLETE AGREEMENT"),
    ("59", "TERM OF AGREEMENT"),
    ("60", "TEMPORARY INTERRUPTION OF EMPLOYMENT"),
    ("61", "CONTRACTING OUT"),
    ("63", "NURSE PRACTITIONERS"),
    ("64", "VOLUNTARY MEDICAL SEPARATION"),
    ("65", "EXIT INTERVIEWS"),
    ("66", "AIR QUALITY"),
    ("67", "WORKING REMOTELY"),
    ("68", "WORK OUT OF CLASSIFCATION"),
    ("69", "PAID LEAVE OREGON (PLO)"),
    ("LOA 1", "LETTER OF AGREEMENT – ARTICLE 16 - SALARY STUDY", "side_letter"),
    ("LOA 2", "LETTER OF AGREEMENT – ARTICLE 16 - SALARY AND BENEFIT REPORT", "side_letter"),
    ("LOA 3", "LETTER OF AGREEMENT – ARTICLE 16 - SALARY RANGE TRUNCATION", "side_letter"),
    ("LOA 4", "LETTER OF AGREEMENT – ARTICLE 16 – ONE-TIME PAYMENT COLA", "side_letter"),
    ("LOA 5", "LETTER OF AGREEMENT – ARTICLE 50, PEBB MEMBER ADVISORY COMMITTEE", "side_letter"),
    ("LOA 6", "LETTER OF AGREEMENT - ARTICLE 61, CONTRACT OUT FEASIBILITY STUDY", "side_letter"),
    ("LOA 7", "LETTER OF AGREEMENT – NEW EMPLOYEE NOTICE/UNION ACCESS", "side_letter"),
    ("LOA 8", "LETTER OF AGREEMENT – OREGON UNIONS STATE WORKER TRAINING FUND", "side_letter"),
    ("LOA 9", "LETTER OF AGREEMENT – CONTRACT SPECIALIST", "side_letter"),
    ("LOA 10", "LETTER OF AGREEMENT - OVERTIME SELECTION", "side_letter"),
    ("LOA 11", "LETTER OF AGREEMENT – UNION REPRESENTATION ON HIRING PANELS", "side_letter"),
    ("LOA 12", "LETTER OF AGREEMENT – STATE POLICY 50.050.01 WORKING REMOTELY UPDATES", "side_letter"),
    (
        "LOA 13",
        "LETTER OF AGREEMENT – ESSENTIAL WORKER INCLEMENT WEATHER/HAZARDOUS CONDITIONS PAY",
        "side_letter",
    ),
    ("LOA 14", "LETTER OF AGREEMENT – NATURAL DISASTER LEAVE", "side_letter"),
    ("LOA 15", "LETTER OF AGREEMENT – CHILDCARE AND ELDERCARE EXPLORATORY COMMITTEE", "side_letter"),
    ("LOA 16", "LETTER OF AGREEMENT – CRITICAL NEED AND SHIFT INCENTIVE", "side_letter"),
    ("LOA 17", "LETTER OF AGREEMENT – PAY EQUITY", "side_letter"),
    ("LOA 18", "LETTER OF AGREEMENT—BI-WEEKLY PAY PERIOD/WORKDAY", "side_letter"),
    ("Appendix A", "CLASSIFICATION PLAN", "appendix"),
    ("Appendix B", "SALARY CHARTS", "appendix"),
]

OSH_2025 = [
    ("Preamble", "PREAMBLE", "preamble"),
    ("1", "RECOGNITION"),
    ("2", "SCOPE OF AGREEMENT"),
    ("3", "EFFECT OF LAW AND RULES"),
    ("4", "LEGISLATIVE ACTION"),
    ("5", "EQUAL EMPLOYMENT OPPORTUNITY AND AFFIRMATIVE ACTION"),
    ("6", "STRIKES AND LOCKOUTS"),
    ("7", "SAVINGS CLAUSE"),
    ("8", "MANAGEMENT'S RIGHTS"),
    ("9", "UNION SECURITY"),
    ("10", "UNION PRIVILEGES AND LIMITATIONS"),
    ("11", "NEGOTIATING TEAM"),
    ("12", "WORK SCHEDULES"),
    ("13", "OVERTIME"),
    ("14", "REPORTING TIME"),
    ("16", "SALARY"),
    ("17", "WORKERS' COMPENSATION APPLICATIONS"),
    ("18", 'PERS "PICK-UP"'),
    ("19", "PER DIEM DIFFERENTIAL"),
    ("20", "DIFFERENTIALS"),
    ("21", "ON-CALL/CALL BACK"),
    ("22", "POSITION DESCRIPTION"),
    ("23", "QUARTERLY CHECK-INS"),
    ("24", "SALARY ADMINISTRATION"),
    ("25", "TRAVEL, MILEAGE AND MOVING EXPENSE REIMBURSEMENTS"),
    ("26", "MEALS"),
    ("27", "REVIEW OF CLASSIFICATION SERIES"),
    ("28", "RECLASSIFICATION PROCEDURE"),
    ("30", "IMPLEMENTATION OF NEW CLASSES—APPEALS PROCESS"),
    ("32", "REINSTATEMENT AFTER SEPARATION"),
    ("33", "PERSONNEL ADMINISTRATION"),
    ("34", "PERSONNEL RECORDS"),
    ("35", "TRIAL SERVICE"),
    ("36", "FILLING OF POSITIONS"),
    ("37", "LAYOFF AND RECALL"),
    ("38", "HOLIDAYS"),
    ("39", "VACATIONS"),
    ("40", "SICK LEAVE"),
    ("41", "HARDSHIP LEAVE"),
    ("42", "PRE-RETIREMENT PLANNING LEAVE"),
    ("43", "LEAVE OF ABSENCE WITH PAY"),
    ("44", "LEAVE OF ABSENCE WITHOUT PAY"),
    ("45", "LEAVE ADMINISTRATION"),
    ("46", "UTILIZATION OF BENEFIT TIME"),
    ("47", "VACATION AND SICK LEAVE CREDITS UPON TRANSFER"),
    ("48", "RESTORATION OF SICK LEAVE CREDIT"),
    ("49", "EFFECT OF LEAVE WITHOUT PAY"),
    ("50", "INSURANCE"),
    ("51", "INCLEMENT WEATHER/HAZARDOUS CONDITIONS LEAVE"),
    ("52", "HEALTH AND SAFETY"),
    ("53", "STAFF DEVELOPMENT"),
    ("54", "GRIEVANCE AND ARBITRATION"),
    ("55", "DISCIPLINE AND DISCHARGE"),
    ("56", "RECOUPMENT OF WAGE AND BENEFIT OVERPAYMENTS AND UNDERPAYMENTS"),
    ("57", "ABUSE/NEGLECT INVESTIGATIONS"),
    ("58", "COMPLETE AGREEMENT"),
    ("59", "TERM OF AGREEMENT"),
    ("60", "TEMPORARY INTERRUPTION OF EMPLOYMENT"),
    ("61", "CONTRACTING OUT"),
    ("63", "NURSE PRACTITIONERS"),
    ("64", "VOLUNTARY MEDICAL SEPARATION"),
    ("65", "EXIT INTERVIEWS"),
    ("66", "AIR QUALITY"),
    ("67", "WORKING REMOTELY"),
    ("68", "WORK OUT OF CLASSIFCATION"),
    ("69", "PAID LEAVE OREGON"),
    ("70", "ESSENTIAL WORKER PAY"),
    ("LOA 1", "LETTER OF AGREEMENT – ARTICLE 10 – UNION PRIVILEGES AND LIMITATIONS", "side_letter"),
    ("LOA 2", "LETTER OF AGREEMENT – ARTICLE 16 - SALARY AND BENEFIT REPORT", "side_letter"),
    ("LOA 3", "LETTER OF AGREEMENT – ARTICLE 50, PEBB MEMBER ADVISORY COMMITTEE", "side_letter"),
    ("LOA 4", "LETTER OF AGREEMENT - ARTICLE 61, CONTRACT OUT FEASIBILITY STUDY", "side_letter"),
    ("LOA 5", "LETTER OF AGREEMENT – NEW EMPLOYEE NOTICE/UNION ACCESS", "side_letter"),
    ("LOA 6", "LETTER OF AGREEMENT – OREGON UNIONS STATE WORKER TRAINING FUND", "side_letter"),
    ("LOA 7", "LETTER OF AGREEMENT – CONTRACT SPECIALIST", "side_letter"),
    ("LOA 8", "LETTER OF AGREEMENT - OVERTIME SELECTION", "side_letter"),
    ("LOA 9", "LETTER OF AGREEMENT – STATE POLICY 50.050.01 WORKING REMOTELY UPDATES", "side_letter"),
    ("LOA 10", "LETTER OF AGREEMENT – CRITICAL NEED AND SHIFT INCENTIVE", "side_letter"),
    ("LOA 11", "LETTER OF AGREEMENT – EQUAL PAY", "side_letter"),
    ("LOA 12", "LETTER OF AGREEMENT – STRUCTURAL CHANGES TO PAY PRACTICES", "side_letter"),
    ("LOA 13", "LETTER OF AGREEMENT — 12 HOUR SHIFT PILOT (OSH)", "side_letter"),
    ("LOA 14", "LETTER OF AGREEMENT – AMERICANS WITH DISABILITIES ACT (ADA) ACCOMODATIONS", "side_letter"),
    ("LOA 15", "LETTER OF AGREEMENT – HIGH ACUITY PATIENT(S)", "side_letter"),
    ("LOA 16", "LETTER OF AGREEMENT – RESIDENCY PROGRAM WORKGROUP", "side_letter"),
    ("LOA 17", "LETTER OF AGREEMENT – VIDEO MONITORING", "side_letter"),
    (
        "LOA 18",
        "LETTER OF AGREEMENT – ADMINISTRATIVE LEAVE/DUTY STATIONED AT HOME INVESTIGATION COMMUNICATION",
        "side_letter",
    ),
    ("LOA 19", "LETTER OF AGREEMENT – STATEWIDE LABOR MANAGEMENT COMMITTEE", "side_letter"),
    ("LOA 20", "LETTER OF AGREEMENT – UNDERFILL DIFFERENTIAL", "side_letter"),
    ("Appendix A", "CLASSIFICATION PLAN", "appendix"),
    ("Appendix B", "SALARY CHARTS", "appendix"),
]


def outline_of(rows: list[tuple[str, ...]]) -> list[tuple[str, str, str]]:
    """Expand (number, title[, kind]) rows; kind defaults to article."""
    return [(r[0], r[1], r[2] if len(r) > 2 else "article") for r in rows]


# file -> (expected outline, article count, clause count, table-of-contents line ranges, footer pattern)
CONTRACTS: dict[str, tuple[list[tuple[str, ...]], int, int, list[tuple[int, int]], str]] = {
    "benton_ona_2025_2029_full.txt": (
        BENTON,
        28,
        119,
        [(30, 188)],
        r"Docusign Envelope ID|Oregon Nurses Association and Benton County CBA|INTENTIONALLY BLANK",
    ),
    "coos_ona_2024_2027_full.txt": (COOS, 29, 90, [(28, 114)], r"^Coos County/ONA 2024-2027"),
    "lane_afscme2831_nurses_2024_2027_full.txt": (
        LANE_NURSES,
        30,
        138,
        [(30, 231)],
        r"^AFSCME Agreement$|^2024-2027$|\d+ of 92$|^(ARTICLE|APPENDIX|EXHIBIT) [0-9A-D]+$|"
        r"LANE COUNTY OFFICE OF LEGAL COUNSEL|COURTHOUSE/PUBLIC SERVICE BLDG|\(541\) 682-4442",
    ),
    "multnomah_physicians_psychiatrists_afscme88_2025_2028_full.txt": (
        MULTNOMAH,
        25,
        111,
        [(93, 303), (3775, 4090)],
        r"^-\s*\d+\s*-$|^(ARTICLE \d+|ADDENDUM [A-D]), |^PROVIDER \(PHYSICIANS|^ADDITIONAL VACATION LEAVE|"
        r"^PHYSICIANS FTE FOR ALLOTED",
    ),
    "oregon_oha_physicians_afscme_2023_2025_full.txt": (
        OHA_2023,
        54,
        175,
        [(17, 75)],
        r"OHA Physicians\s+\d+",
    ),
    "oregon_oha_physicians_afscme_2025_2027_full.txt": (
        OHA_2025,
        52,
        166,
        [(17, 83)],
        r"OHA Physicians\s+\d+",
    ),
    "oregon_osh_rn_afscme_2023_2025_full.txt": (
        OSH_2023,
        86,
        278,
        [(17, 109)],
        r"Registered Nurses\s+Page \d+",
    ),
    "oregon_osh_rn_afscme_2025_2027_full.txt": (
        OSH_2025,
        89,
        280,
        [(16, 342)],
        r"Registered Nurses\s+Page \d+",
    ),
}
SMALL_FILES = [
    "deschutes_afscme3997_crisis_program_mou_2025_710_amended.txt",
    "deschutes_afscme3997_stabilization_center_mou_2021_898_original.txt",
    "lane_afscme2831_general_2024_2027_art10_wages_excerpt.txt",
    "lane_afscme2831_general_mou_afg26_19_merit_steps.txt",
    "lane_afscme2831_general_nurses_mou_afg25_21_afn25_06_hsa.txt",
]
FULL = sorted(CONTRACTS)

# Noise that must never survive inside clause text, headings or titles, in any file.
NOISE = [
    re.compile(r"\.{5,}"),  # dot leaders
    re.compile(r"…{2,}"),  # ellipsis leaders
    re.compile(r"ooo\.\.\.|ccceceee"),  # OCR'd leaders
    re.compile(r"Docusign Envelope ID", re.I),
    re.compile(r"\b\d{1,3} of \d{1,3}\s*$"),  # Lane '58 of 92'
    re.compile(r"\s{2,}Page \d{1,3}\s*$"),  # OSH footer
    re.compile(r"OHA Physicians\s+\d+\s+Collective"),  # OHA footer
    re.compile(r"^Coos County/ONA"),
    re.compile(r"Benton County CBA July"),
    re.compile(r"^AFSCME Agreement$"),
    re.compile(r"^(ARTICLE|ADDENDUM|APPENDIX|EXHIBIT) [0-9A-Z]+(, .*)?$"),  # running headers
    re.compile(r"^(-\s*)?\d{1,3}(\s*-)?$"),  # page numbers
    re.compile(r"^[ivx]{1,4}$"),  # roman page numbers
    re.compile("[\u200b\u200c\u200d\ufeff\f]"),
    re.compile("[\ue000-\uf8ff]"),  # private-use glyphs
]
STOPWORDS = {"article", "section", "appendix", "addendum", "exhibit", "schedule"}


def body_lines(name: str) -> list[str]:
    """Return the lines of a realdata file after its SOURCE/WHAT header and '---' line."""
    lines = (REALDATA / name).read_text(encoding="utf-8").split("\n")
    return lines[lines.index("---") + 1 :]


@cache
def parsed(name: str) -> ParsedContract:
    """Parse one realdata file (cached across tests)."""
    return parse_contract("\n".join(body_lines(name)))


def texts(contract: ParsedContract) -> list[str]:
    """Return every string the parser produced: titles, headings, clause texts."""
    out = [a.title for a in contract.articles]
    out += [c.heading for a in contract.articles for c in a.clauses]
    out += [c.text for a in contract.articles for c in a.clauses]
    return out


def words(text: str) -> list[str]:
    """Return the lower-cased words (letters only, three or more) of a text."""
    found = re.findall(r"[a-z]{3,}", text.lower())
    return [w for w in found if w not in STOPWORDS]


@pytest.mark.parametrize("name", FULL)
def test_outline_matches_the_headings_read_from_the_text(name: str) -> None:
    rows, n_articles, n_clauses, _toc, _footer = CONTRACTS[name]
    contract = parsed(name)
    assert [(a.number, a.title, a.kind) for a in contract.articles] == outline_of(rows)
    assert len(contract.articles) == n_articles
    assert sum(len(a.clauses) for a in contract.articles) == n_clauses


@pytest.mark.parametrize("name", FULL)
def test_numbers_are_unique(name: str) -> None:
    contract = parsed(name)
    numbers = [a.number for a in contract.articles]
    assert len(numbers) == len(set(numbers))
    for article in contract.articles:
        clause_numbers = [c.number for c in article.clauses]
        assert len(clause_numbers) == len(set(clause_numbers)), article.number


@pytest.mark.parametrize("name", FULL + SMALL_FILES)
def test_no_page_furniture_or_contents_inside_clauses(name: str) -> None:
    contract = parsed(name)
    for text in texts(contract):
        for line in text.split("\n"):
            for pattern in NOISE:
                assert not pattern.search(line), (pattern.pattern, line)


@pytest.mark.parametrize("name", FULL)
def test_contents_lines_never_become_clauses(name: str) -> None:
    _rows, _n, _c, toc, _footer = CONTRACTS[name]
    contract = parsed(name)
    starts = [a.line for a in contract.articles] + [c.line for a in contract.articles for c in a.clauses]
    for first, last in toc:
        assert not [n for n in starts if first <= n <= last]
    lines = body_lines(name)
    toc_lines = {
        re.sub(r"\s+", " ", lines[n - 1].replace("\u200b", "")).strip()
        for first, last in toc
        for n in range(first, last + 1)
    }
    toc_lines = {s for s in toc_lines if len(s) >= 20 and re.search(r"\.{4,}|…|\s\d{1,3}$", s)}
    produced = {re.sub(r"\s+", " ", line).strip() for text in texts(contract) for line in text.split("\n")}
    assert not toc_lines & produced


@pytest.mark.parametrize("name", FULL)
def test_clause_text_covers_the_body(name: str) -> None:
    _rows, _n, _c, toc, footer = CONTRACTS[name]
    in_toc = {n for first, last in toc for n in range(first, last + 1)}
    noise = re.compile(footer)
    body = Counter()
    for n, line in enumerate(body_lines(name), 1):
        clean = line.replace("\u200b", "").replace("\f", "").strip()
        if n not in in_toc and not noise.search(clean):
            body.update(words(clean))
    contract = parsed(name)
    produced = Counter(words("\n".join(texts(contract) + [t for _n, t in contract.unplaced])))
    covered = sum(min(count, produced[w]) for w, count in body.items())
    assert covered / sum(body.values()) >= 0.98
    extra = sum(max(0, count - body[w]) for w, count in produced.items())
    assert extra / sum(produced.values()) <= 0.01


def test_benton_line_number_gutter_is_gone() -> None:
    contract = parsed("benton_ona_2025_2029_full.txt")
    gutter = re.compile(r"^([1-9]|[12][0-9]|30)\s{2,}[A-Za-z]")
    for text in texts(contract):
        assert not [line for line in text.split("\n") if gutter.match(line)]
    first = contract.articles[1].clauses[0]
    assert (first.number, first.heading) == ("1.1", "Association Recognized")
    assert first.text.startswith(
        "The County recognizes the Association as the sole and exclusive bargaining agent, for"
    )


def test_coos_ocr_duplicate_article_number_is_kept_apart() -> None:
    contract = parsed("coos_ona_2024_2027_full.txt")
    assert [a.number for a in contract.articles][8:16] == ["9", "16", "11", "12", "13", "14", "15", "16 (2)"]
    sick_leave = contract.articles[9]
    assert (sick_leave.title, sick_leave.line) == ("SICK LEAVE", 634)
    assert contract.articles[15].title == "PENSION"


def test_lane_running_headers_do_not_split_or_pollute_articles() -> None:
    contract = parsed("lane_afscme2831_nurses_2024_2027_full.txt")
    insurance = next(a for a in contract.articles if a.number == "12")
    assert [(c.number, c.heading) for c in insurance.clauses] == [
        ("1", "Types of Insurance"),
        ("2", "Health Insurance Plan"),
        ("3", "Retirement Enrollment"),
        ("4", "Retiree Health Benefits"),
        ("5", "Personal Property"),
        ("6", "Employee Assistance Program"),
        ("7", "Fitness Membership"),
    ]
    assert not any("INSURANCE AND RELATED" in c.text for c in insurance.clauses)


def test_multnomah_roman_sections_and_zero_width_spaces() -> None:
    contract = parsed("multnomah_physicians_psychiatrists_afscme88_2025_2028_full.txt")
    leaves = next(a for a in contract.articles if a.number == "9")
    assert [c.number for c in leaves.clauses] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
    assert leaves.clauses[0].heading == "Vacation Leave"
    assert not any("PAID LEAVES" in c.text for c in leaves.clauses)
    assert len(contract.unplaced) == 75  # the union's welcome letter and the cover pages


def test_osh_run_in_section_headings() -> None:
    contract = parsed("oregon_osh_rn_afscme_2023_2025_full.txt")
    schedules = next(a for a in contract.articles if a.number == "12")
    assert all(c.number for c in schedules.clauses)
    security = next(a for a in contract.articles if a.number == "9")
    assert [(c.number, c.heading) for c in security.clauses] == [
        ("1", "Deduction for Dues"),
        ("2", "Names of Retirees"),
        ("3", "Reports"),
    ]
    assert "REV: 2017,2019,2023" in security.clauses[2].text
    overtime = next(a for a in contract.articles if a.number == "13")
    replacement = next(c for c in overtime.clauses if c.number == "5")
    assert (replacement.heading, replacement.line) == ("Replacement Staffing", 581)
    assert replacement.text.startswith(
        "The hospital shall maintain, post and utilize a list of nursing staff"
    )


def test_oha_article_11_is_identical_across_terms_after_cleaning() -> None:
    older = next(
        a for a in parsed("oregon_oha_physicians_afscme_2023_2025_full.txt").articles if a.number == "11"
    )
    newer = next(
        a for a in parsed("oregon_oha_physicians_afscme_2025_2027_full.txt").articles if a.number == "11"
    )
    assert [c.text for c in older.clauses] == [c.text for c in newer.clauses]
    assert "•     Medication and other treatment" in older.clauses[0].text


@pytest.mark.parametrize("name", SMALL_FILES)
def test_small_files_parse_sensibly(name: str) -> None:
    contract = parsed(name)
    assert contract.articles
    assert all(c.text or c.heading for a in contract.articles for c in a.clauses)
    assert len(contract.unplaced) <= 4


def test_small_file_outlines() -> None:
    excerpt = parsed("lane_afscme2831_general_2024_2027_art10_wages_excerpt.txt")
    assert [(a.number, a.title) for a in excerpt.articles] == [("10", "WAGES")]
    assert [c.heading for c in excerpt.articles[0].clauses] == [
        "Salary Range Adjustments",
        "Steps in Compensation Plan",
        "New or Revised Classifications",
        "Salary Protection",
        "Out-of-Class",
        "Bilingual Differential",
        "Direct Deposit",
        "Deferred Compensation",
    ]
    crisis = parsed("deschutes_afscme3997_crisis_program_mou_2025_710_amended.txt").articles
    assert [(a.number, a.kind) for a in crisis] == [("LOA 1", "side_letter")]
    assert crisis[0].title.startswith("Memorandum of Understanding Between Deschutes County")
    assert [(c.number, c.heading) for c in crisis[0].clauses] == [
        ("", ""),
        ("A", "Overview of Position and Schedule"),
        ("B", "General Provisions"),
    ]
    merit = parsed("lane_afscme2831_general_mou_afg26_19_merit_steps.txt").articles
    assert [(a.number, a.title) for a in merit] == [
        (
            "LOA AFG-26-19",
            "MEMORANDUM OF UNDERSTANDING – CBA Modification for Merit Adjustments MOU AFG-26-19",
        )
    ]
    hsa = parsed("lane_afscme2831_general_nurses_mou_afg25_21_afn25_06_hsa.txt")
    assert hsa.unplaced == ((1, "5/14/2026"), (2, "05/13/2026"))
    assert "MOU AFG-25-21/AFN-25-06 continued" not in hsa.articles[0].clauses[0].text


SECTION_LINE = re.compile(r"^\s*(?:\d{1,2}\s{2,})?(?:Section|SECTION)\s+\d+(?:\.\d+)*[.,:\s\u2013-]")


def _runs_on(lines: list[str], n: int) -> bool:
    """Tell whether line n (1-based) continues a sentence from the line before (a wrapped reference)."""
    before = next((s.strip() for s in reversed(lines[: n - 1]) if s.strip()), "")
    before = re.sub(r"^\d{1,2}\s{2,}", "", before)  # Benton's gutter
    last = before.split()[-1] if before.split() else ""
    return before.endswith((",", "-", "\u2013")) or (last.isalpha() and last.islower())


@pytest.mark.parametrize("name", [n for n in FULL if not n.startswith("multnomah")])
def test_section_recall_is_at_least_98_percent(name: str) -> None:
    _rows, _n, _c, toc, _footer = CONTRACTS[name]
    in_toc = {n for first, last in toc for n in range(first, last + 1)}
    lines = [line.replace("\u200b", "") for line in body_lines(name)]
    contract = parsed(name)
    first = min(a.line for a in contract.articles)
    starts = {c.line for a in contract.articles for c in a.clauses}
    sections = [
        n
        for n, line in enumerate(lines, 1)
        if n >= first and n not in in_toc and SECTION_LINE.match(line) and not _runs_on(lines, n)
    ]
    found = [n for n in sections if n in starts]
    assert sections and len(found) / len(sections) >= 0.98, [
        lines[n - 1] for n in sections if n not in starts
    ]


@pytest.mark.parametrize("name", FULL)
def test_article_recall_and_precision_against_the_hand_read_outline(name: str) -> None:
    rows, _n, _c, _toc, _footer = CONTRACTS[name]
    expected = {(number, title) for number, title, *_ in rows}
    found = {(a.number, a.title) for a in parsed(name).articles}
    assert len(expected & found) / len(expected) >= 0.98  # recall
    assert len(expected & found) / len(found) >= 0.98  # precision


ROMAN_SECTION_LINE = re.compile(r"^\s*([IVXL]+)\.\s+[A-Z]")
LETTER_ITEM_LINE = re.compile(r"^\s*([A-Z])\.\s")


def _letter_item(lines: list[str], n: int, numeral: str) -> bool:
    """Tell whether an "I." or "L." line is the next letter of a lettered list (after "H.", "K.")."""
    if len(numeral) != 1:
        return False
    before = (
        m.group(1) for k in range(n - 1, max(n - 60, 0), -1) if (m := LETTER_ITEM_LINE.match(lines[k - 1]))
    )
    return next(before, "") == chr(ord(numeral) - 1)


def test_multnomah_roman_section_recall_is_at_least_98_percent() -> None:
    name = "multnomah_physicians_psychiatrists_afscme88_2025_2028_full.txt"
    _rows, _n, _c, toc, _footer = CONTRACTS[name]
    in_toc = {n for first, last in toc for n in range(first, last + 1)}
    lines = [line.replace("\u200b", "") for line in body_lines(name)]
    contract = parsed(name)
    first = min(a.line for a in contract.articles)
    starts = {c.line for a in contract.articles for c in a.clauses}
    sections = [
        n
        for n, line in enumerate(lines, 1)
        if n >= first
        and n not in in_toc
        and (m := ROMAN_SECTION_LINE.match(line))
        and not _letter_item(lines, n, m.group(1))
    ]
    found = [n for n in sections if n in starts]
    assert len(sections) > 100  # "I. Definition of Unit" ... in every article
    assert len(found) / len(sections) >= 0.98, [lines[n - 1] for n in sections if n not in starts]
