"""Conversations and their messages: the permanent history of the chat server.

Nothing here is ever deleted. Foreign keys restrict deletion, and the migration adds
database triggers that refuse ``DELETE`` on messages and their revisions, so no code path
(and no hand-written SQL from an admin tool) can remove what was said.
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from core.models.academics import Group
from core.models.org import Organisation
from core.models.people import Account, Person


class ConversationKind(StrEnum):
    GROUP = "group"
    DIRECT = "direct"
    CHANNEL = "channel"
    SUPPORT = "support"


class Conversation(Model):
    """A chat. ``last_seq`` is the sequence number of its newest message.

    A message takes ``last_seq + 1`` while the conversation row is locked, so sequence
    numbers are dense and follow commit order within one conversation.
    """

    id = fields.IntField(primary_key=True)
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="conversations", on_delete=fields.RESTRICT
    )
    kind = fields.CharEnumField(ConversationKind, max_length=10)
    title = fields.CharField(max_length=200, default="")
    group: fields.ForeignKeyNullableRelation[Group] = fields.ForeignKeyField(
        "models.Group",
        related_name="conversations",
        null=True,
        unique=True,
        on_delete=fields.RESTRICT,
    )
    direct_key = fields.CharField(
        max_length=40, null=True, unique=True, description="'<person>:<person>', lower id first."
    )
    poster_roles: list[str] = fields.JSONField(
        default=list, description="Channels: the roles that may post."
    )
    audience_roles: list[str] = fields.JSONField(
        default=list, description="Channels: the roles that read it."
    )
    last_seq = fields.BigIntField(default=0)
    created_by_id = fields.IntField(null=True)
    created_at = fields.DatetimeField()

    class Meta:
        table = "conversation"


class ConversationMember(Model):
    """A person in a conversation.

    Leaving keeps the row: ``left_seq`` is the last message the former member may still read,
    and they can no longer post.
    """

    id = fields.IntField(primary_key=True)
    conversation: fields.ForeignKeyRelation[Conversation] = fields.ForeignKeyField(
        "models.Conversation", related_name="members", on_delete=fields.RESTRICT
    )
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="conversation_memberships", on_delete=fields.RESTRICT
    )
    can_post = fields.BooleanField(default=True)
    read_seq = fields.BigIntField(default=0)
    joined_at = fields.DatetimeField()
    left_at = fields.DatetimeField(null=True)
    left_seq = fields.BigIntField(null=True)

    class Meta:
        table = "conversation_member"
        unique_together = (("conversation", "person"),)
        indexes = (("person", "left_at"),)


class Message(Model):
    """One post. ``seq`` is its number in the conversation, dense and increasing.

    ``client_id`` is the sender's idempotency key: a resend after a dropped connection finds
    the stored message instead of posting it twice.
    """

    id = fields.BigIntField(primary_key=True)
    conversation: fields.ForeignKeyRelation[Conversation] = fields.ForeignKeyField(
        "models.Conversation", related_name="messages", on_delete=fields.RESTRICT
    )
    seq = fields.BigIntField()
    author: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="messages", on_delete=fields.RESTRICT
    )
    text = fields.TextField()
    # A plain id: Tortoise cannot create a table with a foreign key to itself.
    reply_to_id = fields.BigIntField(null=True)
    mentions: list[int] = fields.JSONField(default=list)
    has_file = fields.BooleanField(default=False)
    client_id = fields.CharField(max_length=64, null=True)
    source = fields.CharField(max_length=16, default="web")
    created_at = fields.DatetimeField()
    edited_at = fields.DatetimeField(null=True)
    hidden_at = fields.DatetimeField(null=True)
    hidden_by_id = fields.IntField(null=True)
    hidden_reason = fields.CharField(max_length=300, default="")

    class Meta:
        table = "chat_message"
        unique_together = (("conversation", "seq"), ("conversation", "author", "client_id"))


class MessageRevision(Model):
    """A text the message had before an edit, with who replaced it and when."""

    id = fields.BigIntField(primary_key=True)
    message: fields.ForeignKeyRelation[Message] = fields.ForeignKeyField(
        "models.Message", related_name="revisions", on_delete=fields.RESTRICT
    )
    text = fields.TextField()
    written_at = fields.DatetimeField(description="When this text was posted or last edited.")
    replaced_at = fields.DatetimeField()
    editor_id = fields.IntField()

    class Meta:
        table = "chat_message_revision"


class Attachment(Model):
    """A file uploaded into a conversation; bound to a message when the message is sent."""

    id = fields.BigIntField(primary_key=True)
    conversation: fields.ForeignKeyRelation[Conversation] = fields.ForeignKeyField(
        "models.Conversation", related_name="attachments", on_delete=fields.RESTRICT
    )
    uploader: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="attachments", on_delete=fields.RESTRICT
    )
    message: fields.ForeignKeyNullableRelation[Message] = fields.ForeignKeyField(
        "models.Message", related_name="attachments", null=True, on_delete=fields.RESTRICT
    )
    storage_key = fields.CharField(max_length=100)
    filename = fields.CharField(max_length=200)
    content_type = fields.CharField(max_length=100)
    size = fields.IntField()
    created_at = fields.DatetimeField()

    class Meta:
        table = "chat_attachment"


class ChatPreference(Model):
    """A person's chat settings; ``telegram_bridge``: group messages reach them in Telegram."""

    id = fields.IntField(primary_key=True)
    person: fields.OneToOneRelation[Person] = fields.OneToOneField(
        "models.Person", related_name="chat_preference", on_delete=fields.RESTRICT
    )
    telegram_bridge = fields.BooleanField(default=False)

    class Meta:
        table = "chat_preference"


class ApiToken(Model):
    """A bearer token for API clients. Only its SHA-256 is stored."""

    id = fields.IntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="api_tokens", on_delete=fields.RESTRICT
    )
    name = fields.CharField(max_length=100, default="")
    token_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField()
    last_used_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "api_token"
