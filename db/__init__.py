"""The ledger's core: records, rules, statistics and files, with no Qt in it."""
