"""Errors of the user's world: each carries a message for the user; anything else is a bug."""

from __future__ import annotations

from dataclasses import dataclass

from db.common.messages import Message, define


class LedgerError(Exception):
    """A problem the user can understand and act on. ``message`` is shown to the user."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.key)
        self.message = message

    def text(self, lang: str | None = None) -> str:
        return self.message.text(lang)

    def __str__(self) -> str:
        return self.message.text()


class StorageError(LedgerError):
    """The machine's world failed the program (a full disk, a damaged, locked or read-only file, a
    server out of reach): not a problem of one record, so never reported as one; commands exit 2."""


class DatabaseOpenError(StorageError):
    """The database cannot be opened as asked; ``way_out`` lists what the user may do instead."""

    way_out: tuple[str, ...] = ("choose_file",)


class DatabaseDamagedError(DatabaseOpenError):
    way_out = ("restore_backup", "choose_file")


class DatabaseReadOnlyError(DatabaseOpenError):
    way_out = ("open_read_only", "choose_file")


class DatabaseInUseError(DatabaseOpenError):
    """Another copy of the program has the file open."""

    way_out = ("open_read_only", "choose_file")


class DatabaseBusyError(DatabaseOpenError):
    """The file is locked by another connection for longer than the busy timeout."""

    way_out = ("retry", "open_read_only", "choose_file")


class DatabaseNewerError(DatabaseOpenError):
    way_out = ("choose_file",)


class DatabaseFolderMissingError(DatabaseOpenError):
    way_out = ("choose_file",)


class DatabaseServerError(DatabaseOpenError):
    way_out = ("retry", "choose_file")


class DatabaseAddressError(DatabaseServerError):
    """The server's address cannot be read (its message never shows the password)."""

    way_out = ("choose_file",)


class DatabasePasswordError(DatabaseServerError):
    """The server wants a password (or refused the one given)."""

    way_out = ("enter_password", "choose_file")


class DiskFullError(StorageError):
    pass


class NotFoundError(LedgerError):
    pass


class ConflictError(LedgerError):
    """Someone else saved the record since it was read; nothing was overwritten."""


class ActionRefusedError(LedgerError):
    """A request that is well-formed but not allowed now (deleting a member who has records, …)."""


@dataclass(frozen=True)
class FieldError:
    field: str
    message: Message


ERR_INVALID = define(
    "validation.summary",
    zh="有 {count} 处填写有误，未保存：{first}",
    en="{count} problem(s) found, nothing saved: {first}",
)


class ValidationError(LedgerError):
    """One or more fields are wrong. ``errors`` names each field with its own message."""

    def __init__(self, errors: list[FieldError]) -> None:
        if not errors:
            raise ValueError("ValidationError needs at least one FieldError")
        self.errors = list(errors)
        super().__init__(ERR_INVALID(count=len(errors), first=errors[0].message))

    def for_field(self, name: str) -> list[Message]:
        return [e.message for e in self.errors if e.field == name]

    @property
    def fields(self) -> set[str]:
        return {e.field for e in self.errors}
