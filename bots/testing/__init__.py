"""Test harness for the bots: a Telegram Bot API emulator (see ``bots.testing.emulator``)."""
