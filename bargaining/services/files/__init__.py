"""Exhibits and attachments: content-addressed files whose visibility follows what they are attached to."""
