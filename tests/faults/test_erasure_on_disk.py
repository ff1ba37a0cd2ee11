"""Erasure that holds on disk: nothing Lantern promises to forget can be read back from a
PostgreSQL cluster's files or from a base backup taken while conversations were open.

PostgreSQL never overwrites a deleted row: its table files keep the dead tuple until the page is
reused, its write-ahead log keeps every insert, and a backup keeps both. Before message texts and
leads' free text were stored sealed (chat/crypto.py), a run like this one found 742 of 1,022
message texts in the table files and 1,010 in the WAL after every conversation had closed. Now
none is found anywhere.

The run, on a cluster of the test's own (initdb into a temporary folder, its own port, every
WAL segment of the run kept, as an archive of the WAL would keep it):

- a fresh interpreter (the embedded keyring: conversation keys in that process's memory only,
  gone when it exits) migrates the database and drives the chat's own actions: 50
  conversations, 5 visitor messages each, every text a marker that occurs nowhere else;
- half-way, with 40 conversations open and their messages written, `pg_basebackup -X stream`
  copies the cluster (a backup taken mid-conversation);
- then every conversation is closed without consent (messages deleted, keys destroyed); one
  left message (a consented lead) is withdrawn with its code, as the public withdrawal page
  does, and another is kept; the script reads both leads' wrapped keys (their bytes in the
  key table) first;
- the key table is compacted as `apply_retention` compacts it (`compact_key_table`: VACUUM
  FULL, outside any transaction) and checkpointed: it now lives in a new file, and the former
  one is emptied at once and gone after the checkpoint;
- an open conversation's messages and the kept lead's text read back through the ORM
  (decryption works, the markers are real; the lead's key is read anew from the compacted
  table), and the lead's stored column is a sealed value;
- CHECKPOINT and a WAL switch, then the cluster is stopped cleanly (every page written).

Every byte of the cluster's folder (data files, WAL, the server's log) and of the base backup is
then searched for each marker, whole or in part (the head or the tail of a marker, so that a
WAL page header falling inside one does not hide it). A plain value written in the same run (a
canned response's title) is found in the table files, the WAL and the backup alike: the search
sees what is there.

    DATABASE_URL=postgres://… .venv/bin/pytest tests/faults/test_erasure_on_disk.py -m faults

The withdrawn lead's wrapped key is searched for too, as bytes. Once the key table is
compacted, it is in no file of the cluster but the WAL: not in the key table's current file
(where the kept lead's key is found), nor anywhere under the data files. The WAL and the base
backup taken before still hold it (the backup always does here: the search sees binary data;
the WAL is only reported) until the WAL is recycled and the backup expires, and with
LANTERN_DATA_KEY it would unwrap there: this is why the README keeps base backups and WAL
archives 30 days at most. (The withdrawn lead's own sealed values stay in the dead rows of the
lead table until it is vacuumed; without their key they open nothing.)

(DATABASE_URL only says that this is the PostgreSQL pass; the test never uses that database.)
"""

from __future__ import annotations

import json
import os
import re
import secrets
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import pytest

from lantern.testing.daphne import free_port

from .conftest import missing, postgres_pass
from .services import HOST, PostgresCluster, postgres_bindir

pytestmark = [
    pytest.mark.faults,
    pytest.mark.skipif(
        not postgres_pass(),
        reason="the fault suite runs in the PostgreSQL pass (DATABASE_URL=postgres://…)",
    ),
]

REPO = Path(__file__).resolve().parents[2]
DATABASE = "lantern"
CONVERSATIONS = 50
MESSAGES = 5
CLOSED_BEFORE_BACKUP = 10  # closed before the backup; the other 40 are open during it
WRITTEN_BEFORE_BACKUP = 3  # messages of each open conversation written before the backup
TIMEOUT = 120.0

# A marker: MARKER-<label>-<24 random hex digits>-MARKEND. The label and the token each name it
# alone, so a marker is found even when something (a WAL page header) splits it in two.
HEAD = b"MARKER-"
TAIL = b"-MARKEND"
HEAD_LABEL = re.compile(rb"MARKER-([A-Za-z0-9]+)-")
TOKEN_CHARS = 24


def marker(label: str) -> str:
    return f"MARKER-{label}-{secrets.token_hex(TOKEN_CHARS // 2)}-MARKEND"


def traces(data: bytes, markers: list[str]) -> set[str]:
    """The markers of which `data` holds the head (up to the label) or the tail (the token)."""
    heads = {text.split("-")[1].encode(): text for text in markers}
    tails = {text.split("-")[2].encode(): text for text in markers}
    found = set()
    at = data.find(HEAD)
    while at != -1:
        match = HEAD_LABEL.match(data, at)
        if match and match.group(1) in heads:
            found.add(heads[match.group(1)])
        at = data.find(HEAD, at + 1)
    at = data.find(TAIL)
    while at != -1:
        token = data[max(0, at - TOKEN_CHARS) : at]
        if token in tails:
            found.add(tails[token])
        at = data.find(TAIL, at + 1)
    return found


# Run in a fresh interpreter: argv[1] is the plan (the markers, the control value). It prints
# "backup" when the base backup may be taken and waits for a line on stdin; at the end it
# prints "result <json>" with what it checked. It never prints a marker.
SCRIPT = r"""
import json
import sys

import django

django.setup()

from django.core.management import call_command
from django.db import connection

call_command("migrate", interactive=False, verbosity=0)

from chat.actions.consent import do_leave_message
from chat.actions.conversations import do_close, do_start
from chat.actions.messages import do_post_message
from chat.frames import LeftMessage
from chat.models import CannedResponse, Conversation, Message, Topic
from chat.referrals.keys import compact_key_table, lead_keys
from chat.referrals.models import Lead, LeadKey
from chat.referrals.withdrawal import do_withdraw

with open(sys.argv[1]) as file:
    plan = json.load(file)
result = {}
CannedResponse.objects.create(title=plan["control"], text=plan["control"])


def post(conversation, c, first, last):
    for m in range(first, last):
        do_post_message(conversation.pk, "visitor", plan["messages"][c][m], f"c{c}m{m}")


def close(conversation):
    do_close(conversation.pk, Conversation.Outcome.VISITOR_ENDED)


def leave(what, contact):
    before = set(Lead.objects.values_list("pk", flat=True))
    code = do_leave_message(
        LeftMessage(language="en", topic=Topic.UNSAID, what_happened=what, contact=contact)
    ).withdrawal_code
    (pk,) = set(Lead.objects.values_list("pk", flat=True)) - before
    return pk, code


conversations = [do_start("en", Topic.UNSAID)[0] for _ in plan["messages"]]
for c, conversation in enumerate(conversations):
    if c < plan["closed_before_backup"]:
        post(conversation, c, 0, len(plan["messages"][c]))
        close(conversation)
    else:
        post(conversation, c, 0, plan["written_before_backup"])
withdrawn, code = leave(plan["withdrawn"]["what"], plan["withdrawn"]["contact"])
kept, _code = leave(plan["kept"]["what"], "")
probe = plan["closed_before_backup"]
result["messages_read_back"] = sorted(
    Message.objects.filter(conversation=conversations[probe]).values_list("text", flat=True)
) == sorted(plan["messages"][probe][: plan["written_before_backup"]])

print("backup", flush=True)
sys.stdin.readline()

for c, conversation in enumerate(conversations):
    if c >= plan["closed_before_backup"]:
        post(conversation, c, plan["written_before_backup"], len(plan["messages"][c]))
        close(conversation)
result["messages_left"] = Message.objects.count()
result["open_left"] = Conversation.objects.open().count()

withdrawn_key = Lead.objects.get(pk=withdrawn).key
result["withdrawn_wrapped"] = bytes(withdrawn_key.wrapped).hex()
result["kept_wrapped"] = bytes(Lead.objects.get(pk=kept).key.wrapped).hex()
result["withdrawn"] = do_withdraw(code)
result["withdrawn_lead_left"] = Lead.objects.filter(pk=withdrawn).exists()
result["withdrawn_key_left"] = LeadKey.objects.filter(pk=withdrawn_key.pk).exists()


def key_table_file(cursor):
    cursor.execute("SELECT pg_relation_filepath(%s)", [LeadKey._meta.db_table])
    return cursor.fetchone()[0]


def size(cursor, path):
    cursor.execute("SELECT (pg_stat_file(%s, true)).size", [path])
    return cursor.fetchone()[0]


# The key table compacted as apply_retention does it (autocommit, outside any transaction);
# what becomes of the table's former file is read by the server, which owns it.
with connection.cursor() as cursor:
    before = key_table_file(cursor)
    result["compacted"] = compact_key_table()
    result["key_file_moved"] = key_table_file(cursor) != before
    result["former_file_after_vacuum"] = size(cursor, before)
    cursor.execute("CHECKPOINT")
    result["former_file_after_checkpoint"] = size(cursor, before)
    result["key_file"] = key_table_file(cursor)

lead_keys.forget_all()  # the kept lead's key is read again from the compacted table
lead = Lead.objects.get(pk=kept)
result["lead_read_back"] = lead.what_happened == plan["kept"]["what"]
with connection.cursor() as cursor:
    table = connection.ops.quote_name(Lead._meta.db_table)
    cursor.execute(f"SELECT what_happened FROM {table} WHERE id = %s", [kept])
    result["lead_stored_sealed"] = cursor.fetchone()[0].startswith("lantern1:")
    cursor.execute("CHECKPOINT")
    cursor.execute("SELECT pg_switch_wal()")
    cursor.execute("CHECKPOINT")
print("result " + json.dumps(result), flush=True)
"""


class Said:
    """The script's stdout, line by line (migrate's own output comes before the script's)."""

    def __init__(self, process: subprocess.Popen, deadline: float) -> None:
        self.fd = process.stdout.fileno()
        self.deadline = deadline
        self.buffer = b""
        self.other: list[str] = []

    def expect(self, word: str) -> str | None:
        """The rest of the next line that starts with `word` (None: the script exited first)."""
        while time.monotonic() < self.deadline:
            line, newline, rest = self.buffer.partition(b"\n")
            if newline:
                self.buffer = rest
                text = line.decode(errors="replace")
                if text.startswith(word):
                    return text.removeprefix(word).strip()
                self.other.append(text)
                continue
            ready, _, _ = select.select([self.fd], [], [], 0.5)
            if ready:
                chunk = os.read(self.fd, 65536)
                if not chunk:
                    return None
                self.buffer += chunk
        raise TimeoutError(f"the script did not say {word!r} in time")


def files_under(folder: Path):
    for root, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(root) / name
            if path.is_file() and not path.is_symlink():
                yield path


def test_nothing_forgettable_on_disk(tmp_path):
    bindir = postgres_bindir()
    if bindir is None or not (bindir / "pg_basebackup").is_file():
        missing("PostgreSQL's initdb, pg_ctl, postgres and pg_basebackup were not found")

    messages = [[marker(f"C{c}M{m}") for m in range(MESSAGES)] for c in range(CONVERSATIONS)]
    plan = {
        "messages": messages,
        "closed_before_backup": CLOSED_BEFORE_BACKUP,
        "written_before_backup": WRITTEN_BEFORE_BACKUP,
        "withdrawn": {"what": marker("L1what"), "contact": marker("L1contact")},
        "kept": {"what": marker("L2what")},
        "control": f"CONTROL-{secrets.token_hex(12)}",
    }
    markers = [text for texts in messages for text in texts]
    markers += [*plan["withdrawn"].values(), plan["kept"]["what"]]
    kept = plan["kept"]["what"]
    for cut in (10, 20):  # a marker split anywhere is still found, by its head or its tail
        split = f"{kept[:cut]}\0a WAL page header\0{kept[cut:]}"
        assert traces(split.encode(), markers) == {kept}
    (tmp_path / "plan.json").write_text(json.dumps(plan))

    workdir = Path(tempfile.mkdtemp(prefix="lantern-erasure-"))
    workdir.chmod(0o755)  # PostgreSQL runs as its own user in a folder below
    pg = PostgresCluster(workdir / "postgresql", free_port(), bindir)
    backup = workdir / "backup"
    process = None
    try:
        pg.init()
        pg.start()
        import psycopg

        with psycopg.connect(
            pg.url("postgres").replace("postgres://", "postgresql://"), autocommit=True
        ) as conn:
            conn.execute(f"CREATE DATABASE {DATABASE}")
            # Every WAL segment of the run is kept (as an archive of the WAL would keep it):
            # checkpoints would otherwise remove those that hold the first inserts.
            conn.execute("ALTER SYSTEM SET wal_keep_size = '4GB'")
            # No autovacuum: an ANALYZE of its, running when the key table is compacted, would
            # hold a snapshot from before the withdrawal, and VACUUM FULL would copy the deleted
            # key row into the new file (as any transaction that old does; the next compaction
            # removes it).
            conn.execute("ALTER SYSTEM SET autovacuum = off")
            conn.execute("SELECT pg_reload_conf()")

        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "lantern.settings.test",
            "DATABASE_URL": pg.url(DATABASE),
            "PYTHONPATH": str(REPO),
            "PYTHONUNBUFFERED": "1",
        }
        env.pop("REDIS_URL", None)  # the embedded keyring: keys in the script's memory only
        stderr_path = tmp_path / "script.err"
        deadline = time.monotonic() + TIMEOUT
        with stderr_path.open("w") as stderr:
            process = subprocess.Popen(
                [sys.executable, "-c", SCRIPT, str(tmp_path / "plan.json")],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
                cwd=REPO,
                env=env,
            )
            said = Said(process, deadline)
            assert said.expect("backup") == "", stderr_path.read_text()[-3000:]
            subprocess.run(
                [
                    str(bindir / "pg_basebackup"), "-h", HOST, "-p", str(pg.port),
                    "-U", "postgres", "-D", str(backup), "-Fp", "-X", "stream",
                    "-c", "fast", "--no-sync",
                ],
                check=True, capture_output=True, timeout=TIMEOUT,
            )  # fmt: skip
            process.stdin.write(b"go\n")
            process.stdin.flush()
            result = said.expect("result ")
            process.wait(timeout=max(1.0, deadline - time.monotonic()))
        assert result, stderr_path.read_text()[-3000:]
        assert process.returncode == 0, stderr_path.read_text()[-3000:]
        checked = json.loads(result)
        wrapped = {
            lead: bytes.fromhex(checked.pop(f"{lead}_wrapped")) for lead in ("withdrawn", "kept")
        }
        key_file = checked.pop("key_file")
        # The former file is emptied when VACUUM FULL commits, and removed at the checkpoint.
        assert checked.pop("former_file_after_vacuum") in (0, None)
        assert checked == {
            "messages_read_back": True,
            "messages_left": 0,
            "open_left": 0,
            "withdrawn": True,
            "withdrawn_lead_left": False,
            "withdrawn_key_left": False,
            "compacted": True,
            "key_file_moved": True,  # VACUUM FULL wrote the table to a new file
            "former_file_after_checkpoint": None,  # and the former one is gone
            "lead_read_back": True,
            "lead_stored_sealed": True,
        }
        pg.stop()  # a clean shutdown: every page written to the data files

        found: dict[str, list[str]] = defaultdict(list)
        control_in: set[str] = set()
        control = plan["control"].encode()
        keys_in: dict[str, set[str]] = {lead: set() for lead in wrapped}
        files: set[str] = set()
        scanned = 0
        for path in files_under(workdir):
            data = path.read_bytes()
            scanned += len(data)
            where = str(path.relative_to(workdir))
            files.add(where)
            for text in traces(data, markers):
                found[text].append(where)
            if control in data:
                control_in.add(where)
            for lead, value in wrapped.items():
                if value in data:
                    keys_in[lead].add(where)

        areas = {
            "table files": "postgresql/data/base/",
            "WAL": "postgresql/data/pg_wal/",
            "base backup": "backup/",
        }
        for area, prefix in areas.items():
            assert any(where.startswith(prefix) for where in control_in), (
                f"the control value was not found in the {area}: the search is blind there "
                f"({scanned} bytes scanned; found in {sorted(control_in)})"
            )
        # The key table's current file, its segments (.1, …) and its other forks.
        table = re.compile(re.escape(f"postgresql/data/{key_file}") + r"(\.\d+|_fsm|_vm)?")
        table_files = {where for where in files if table.fullmatch(where)}
        assert f"postgresql/data/{key_file}" in table_files, (key_file, sorted(table_files))
        assert keys_in["kept"] & table_files, (
            f"the kept lead's wrapped key was not found in the key table's file {key_file}: "
            f"the search for it is blind (found in {sorted(keys_in['kept'])})"
        )
        assert not keys_in["withdrawn"] & table_files
        kept_by = (areas["WAL"], areas["base backup"])
        assert all(where.startswith(kept_by) for where in keys_in["withdrawn"]), (
            "the withdrawn lead's wrapped key is still in the cluster's files after the key "
            f"table was compacted: {sorted(keys_in['withdrawn'])}"
        )
        assert any(where.startswith(areas["base backup"]) for where in keys_in["withdrawn"]), (
            "the withdrawn lead's wrapped key was not found in the backup taken before it was "
            f"destroyed: the search is blind to it (found in {sorted(keys_in['withdrawn'])})"
        )
        # Not asserted: the WAL may keep it until its segments are recycled (this run keeps
        # them all: its insert, and the page as the withdrawal's delete wrote it whole).
        in_wal = sum(where.startswith(areas["WAL"]) for where in keys_in["withdrawn"])
        sys.stderr.write(f"\nerasure test: the withdrawn lead's key is in {in_wal} WAL segments\n")

        by_file: dict[str, list[str]] = defaultdict(list)
        for text, wheres in found.items():
            for where in wheres:
                by_file[where].append(text.split("-")[1])
        assert not found, f"{len(found)} of {len(markers)} markers readable on disk:\n" + "\n".join(
            f"{where}: {sorted(labels)}" for where, labels in sorted(by_file.items())
        )
    finally:
        if process is not None and process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        pg.ensure_stopped()
        if os.environ.get("LANTERN_FAULTS_KEEP"):
            sys.stderr.write(f"\nerasure test: PostgreSQL's files kept in {workdir}\n")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
