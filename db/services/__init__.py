"""Services, one module per kind of record: validate, save in one transaction, history, recycle bin."""
