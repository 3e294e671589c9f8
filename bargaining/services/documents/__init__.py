"""Documents of the record: redlines and the contract turned into the model bargaining.documents renders."""
