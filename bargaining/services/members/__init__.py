"""Members who sign in by email: the roster and invitations, sign-in links, browser sessions."""
