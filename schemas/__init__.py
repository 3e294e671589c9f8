"""Marshmallow schemas: the wire format of the API."""
