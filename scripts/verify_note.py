#!/usr/bin/env python3
"""An independent verifier of signed notes (C2SP signed-note, Go's golang.org/x/mod/sumdb/note).

Written from the specifications only, sharing no code with gongyi, so that a checkpoint of a
gongyi node can be checked by software that is not gongyi:

  verifier key   <name>+<hex8 key hash>+<base64(type || 32-byte Ed25519 public key)>
  key hash       first 4 bytes of SHA-256(name || "\\n" || type || public key), big-endian
  note           <text ending in \\n> \\n <signature lines>
  signature      "— " (U+2014 EM DASH, space) <name> " " base64(key hash || signature) "\\n"

Type 0x01 is a plain Ed25519 signature over the note text (signed-note). Type 0x04 is a
C2SP tlog-cosignature `cosignature/v1`: the signature field is an 8-byte big-endian POSIX
timestamp followed by an Ed25519 signature over
"cosignature/v1\\ntime <timestamp>\\n" || note text.

As in Go's note.Open: lines by unknown keys are ignored; a line by a known key that does not
verify rejects the note; at least one known key must have signed.

Usage: verify_note.py --vkey VKEY [--vkey VKEY ...] [--all] FILE
  --all   every given key must have signed (e.g. the log and its witness)
Exit status 0 if the note verifies, 1 if not (the reason on stderr), 2 on bad usage.
Needs the `cryptography` package (Ed25519).
"""

import argparse
import base64
import binascii
import hashlib
import struct
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

EM_DASH = "\u2014 "
TYPE_ED25519 = 0x01
TYPE_COSIGNATURE_V1 = 0x04


class NoteError(Exception):
    pass


def valid_name(name):
    return bool(name) and all(c not in "+ \n" and not c.isspace() for c in name) and name.isprintable()


def parse_vkey(vkey):
    """(name, key hash, type, public key) of a verifier key; raises NoteError."""
    parts = vkey.strip().split("+", 2)
    if len(parts) != 3:
        raise NoteError(f"verifier key {vkey!r}: expected <name>+<hash>+<key>")
    name, hexhash, b64 = parts
    if not valid_name(name):
        raise NoteError(f"verifier key {vkey!r}: bad name")
    if len(hexhash) != 8 or hexhash.lower() != hexhash:
        raise NoteError(f"verifier key {vkey!r}: key hash must be 8 lowercase hex digits")
    try:
        raw = base64.b64decode(b64, validate=True)
        stated = int(hexhash, 16)
    except (binascii.Error, ValueError) as e:
        raise NoteError(f"verifier key {vkey!r}: {e}") from e
    if len(raw) != 33 or raw[0] not in (TYPE_ED25519, TYPE_COSIGNATURE_V1):
        raise NoteError(f"verifier key {vkey!r}: expected type 0x01 or 0x04 and 32 key bytes")
    computed = struct.unpack(">I", hashlib.sha256(name.encode() + b"\n" + raw).digest()[:4])[0]
    if computed != stated:
        raise NoteError(f"verifier key {vkey!r}: key hash {stated:08x} != computed {computed:08x}")
    return name, stated, raw[0], raw[1:]


def split_note(data):
    """(text, [(name, key hash, signature bytes)]) of a note; raises NoteError."""
    try:
        note = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise NoteError(f"note is not UTF-8: {e}") from e
    if any(ord(c) < 0x20 and c != "\n" for c in note):
        raise NoteError("note holds a control character")
    split = note.rfind("\n\n")
    if split < 0:
        raise NoteError("no blank line before the signatures")
    text, sigs = note[: split + 1], note[split + 2 :]
    if not sigs.endswith("\n"):
        raise NoteError("signatures must end with a newline")
    lines = []
    for i, line in enumerate(sigs[:-1].split("\n"), 1):
        if not line.startswith(EM_DASH):
            raise NoteError(f"signature line {i} does not start with an em dash")
        name, sep, b64 = line[len(EM_DASH) :].partition(" ")
        if not sep or not valid_name(name):
            raise NoteError(f"signature line {i}: bad key name")
        try:
            raw = base64.b64decode(b64, validate=True)
        except binascii.Error as e:
            raise NoteError(f"signature line {i}: not base64") from e
        if len(raw) < 5:
            raise NoteError(f"signature line {i}: too short")
        lines.append((name, struct.unpack(">I", raw[:4])[0], raw[4:]))
    if not lines:
        raise NoteError("no signature lines")
    return text, lines


def check(key_type, public, text, sig):
    """Whether one signature field verifies over the note text."""
    pub = Ed25519PublicKey.from_public_bytes(public)
    if key_type == TYPE_ED25519:
        message = text
    else:
        if len(sig) != 8 + 64:
            return False
        (timestamp,) = struct.unpack(">Q", sig[:8])
        if timestamp > 2**63 - 1:
            return False
        message = f"cosignature/v1\ntime {timestamp}\n".encode() + text
        sig = sig[8:]
    try:
        pub.verify(sig, message)
        return True
    except InvalidSignature:
        return False


def verify(data, vkeys, require_all=False):
    """The note text and the names of the keys that signed it; raises NoteError."""
    keys = [parse_vkey(k) for k in vkeys]
    text, lines = split_note(data)
    signed = []
    for name, keyhash, sig in lines:
        matches = [k for k in keys if k[0] == name and k[1] == keyhash]
        if not matches:
            continue
        _, _, key_type, public = matches[0]
        if not check(key_type, public, text.encode(), sig):
            raise NoteError(f"signature by {name}+{keyhash:08x} does not verify")
        if name not in signed:
            signed.append(name)
    if not signed:
        raise NoteError("no signature by a known key")
    if require_all:
        missing = [k[0] for k in keys if k[0] not in signed]
        if missing:
            raise NoteError(f"not signed by {', '.join(missing)}")
    return text, signed


def main(argv):
    p = argparse.ArgumentParser(description="Verify a C2SP signed note (Go sumdb/note format).")
    p.add_argument("--vkey", action="append", required=True, help="verifier key (repeatable)")
    p.add_argument("--all", action="store_true", help="every key must have signed")
    p.add_argument("file")
    a = p.parse_args(argv)
    with open(a.file, "rb") as f:
        data = f.read()
    try:
        text, signed = verify(data, a.vkey, a.all)
    except NoteError as e:
        print(f"INVALID: {e}", file=sys.stderr)
        return 1
    sys.stdout.write(text)
    print(f"OK: signed by {', '.join(signed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
