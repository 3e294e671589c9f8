"""Documents: redlines and the contract rendered as HTML, Markdown, text, DOCX and PDF."""
