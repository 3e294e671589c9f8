"""The closed set of error codes the API answers with: code -> (HTTP status, what it means).

Every ``{"error": {"code": ...}}`` the app can send is listed here, once. The OpenAPI document
publishes the set as the enum of ``ErrorOut.error.code`` and lists, on each operation's error
responses, the codes of that status; tests/api/test_error_codes.py scans the source and fails on a
code that is missing here. A new capability adds its codes to this table.
"""

from __future__ import annotations

ERROR_CODES: dict[str, tuple[int, str]] = {
    # 400: the request itself is broken
    "bad_request": (400, "The request could not be understood."),
    "malformed_json": (400, "The body is not valid JSON (or nests too deeply)."),
    "database_rejected": (400, "The database refused a value (e.g. a character it cannot store)."),
    "domain_error": (400, "A rule of the record refused the request."),
    # 401, 403: who you are and what you may do
    "unauthorized": (401, "No valid bearer token (missing, revoked, or its user deactivated)."),
    "forbidden": (403, "Your role at this table may not do this."),
    "positions_hidden": (403, "This table does not show passed positions to members."),
    # 404: not there, or not there for you
    "not_found": (404, "No such URL, or no such object for you."),
    "table_not_found": (404, "No such table, or you do not sit at it."),
    "article_not_found": (404, "No such article at a table you sit at."),
    "clause_not_found": (404, "No such clause at a table you sit at."),
    "version_not_found": (404, "No such version of this clause that you may see."),
    "proposal_not_found": (404, "No such proposal that you may see."),
    "ta_not_found": (404, "No such tentative agreement that you may see."),
    "no_signed_ta": (404, "The clause has no signed tentative agreement."),
    "membership_not_found": (404, "No such seat at this table."),
    "token_not_found": (404, "No such token of yours."),
    "user_not_found": (404, "No such user."),
    # 405, 406
    "method_not_allowed": (405, "This URL does not take that method; the Allow header lists those it takes."),
    "not_acceptable": (406, "The server cannot answer in a format you accept."),
    # 409: the request contradicts the record as it stands
    "conflict": (409, "The request contradicts the state of the record."),
    "integrity_conflict": (409, "A uniqueness or reference rule of the database refused the change."),
    "immutable": (409, "Passed proposals, signed TAs, versions and audit rows never change."),
    "table_ratified": (409, "The table is ratified and read-only."),
    "table_archived": (409, "The table is archived: it can be read but not changed."),
    "bargaining_open": (409, "Bargaining has opened: the current contract can no longer be edited."),
    "not_bargaining": (409, "The table is not in bargaining."),
    "base_exists": (409, "The table already has a current contract."),
    "duplicate_number": (409, "That article or clause number is taken."),
    "email_taken": (409, "A user with this email exists."),
    "already_member": (409, "That user already has a seat at this table."),
    "user_deactivated": (409, "The user is deactivated."),
    "proposal_passed": (409, "The proposal has been passed and can no longer change."),
    "proposal_agreed": (409, "The proposal is agreed."),
    "not_withdrawable": (409, "The proposal cannot be withdrawn in its state."),
    "clause_agreed": (409, "The clause is tentatively agreed (reopen its TA first)."),
    "same_side": (409, "The same side cannot do both halves of this (e.g. offer and countersign)."),
    "ta_pending": (409, "A tentative agreement on this clause is pending."),
    "ta_stale": (409, "The clause moved since the tentative agreement was offered."),
    "ta_state": (409, "The tentative agreement is not in a state that allows this."),
    "reopen_requested": (409, "Reopening was already requested."),
    "reopen_not_requested": (409, "Nobody has asked to reopen this tentative agreement."),
    "contract_changed": (409, "The contract changed since it was verified or sent."),
    "contract_not_verified": (409, "The contract does not verify (open clauses or mismatches)."),
    "not_sent": (409, "The contract has not been sent to members by both sides."),
    "already_sent": (409, "Your side has already sent the contract to members."),
    "not_ratified": (409, "The table has not been ratified."),
    # 412, 413, 415: preconditions and the body's envelope
    "precondition_failed": (412, "If-Match is stale or names another object: read it again."),
    "payload_too_large": (413, "The body is larger than the server accepts."),
    "unsupported_media_type": (415, "Send the body as application/json."),
    # 422: well-formed but not acceptable
    "validation_error": (422, "A field, or a query parameter (unknown ones too), is not valid; see fields."),
    "invalid": (422, "The content is well-formed but a rule of the record refuses it; see fields."),
    "no_side": (422, "You do not sit with a side that may do this."),
    "not_a_counter": (422, "The proposal does not answer another proposal."),
    "package_whole": (422, "A package is agreed or rejected whole."),
    "text_too_long": (422, "The text is longer than a clause may be."),
    # 428, 429, 5xx
    "precondition_required": (428, "Send the ETag you read in If-Match."),
    "too_many_requests": (429, "Slow down; retry after the Retry-After header's seconds."),
    "internal_error": (500, "An unexpected error; it has been logged."),
    "service_unavailable": (503, "The service is unavailable; retry after the Retry-After header's seconds."),
    "database_unavailable": (503, "The database cannot be reached; retry shortly."),
    # events, webhooks and members' sign-in (docs/readme/events.md)
    "webhook_not_found": (404, "No such webhook that you manage."),
    "delivery_not_found": (404, "No such delivery of this webhook."),
    "webhook_paused": (409, "The webhook is paused: resume it first."),
    "link_invalid": (422, "The sign-in link is unknown, used or expired."),
}


def codes_for(status: int) -> list[str]:
    """The codes answered with one HTTP status, in table order."""
    return [code for code, (code_status, _meaning) in ERROR_CODES.items() if code_status == status]
