"""Changing what both sides share: one side proposes, the other consents; administrators directly."""
