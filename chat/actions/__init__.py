"""State changes of the chat, by topic, as consumers, views and commands call them.

- `conversations`: starting, the queue, availability, closing and sweeping;
- `messages`: storing a message and reading messages back, delivered marks;
- `operators`: an operator's status, accepting, transferring and ending a conversation;
- `consent`: asking for consent, the visitor's answer, the lead it creates, leaving a message.

Conventions: `check_…` validates and raises `ChatError`; `do_…` changes data in a transaction
and announces the change (chat/announce.py) only after the commit. All functions are
synchronous; consumers run them in the database pool (chat/db.py) through `deferring`, so
that they send the announcements themselves. Input is checked before an action is called
(chat/frames.py); who may do it, by chat/access.py.
"""
