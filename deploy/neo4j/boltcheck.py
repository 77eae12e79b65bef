#!/usr/bin/env python3
"""Minimal Bolt login check, standard library only (no driver needed).

Usage: boltcheck.py HOST PORT USER   (password read from env NEO4J_PASSWORD)
Does the Bolt handshake (proposing 5.0 and 4.4, whose HELLO carries the credentials),
sends HELLO and reads the answer. Exit codes: 0 logged in, 2 authentication refused,
1 anything else (no answer, not Bolt, ...). Prints one line saying what happened.
"""
import os
import socket
import struct
import sys


def pack(v):
    if isinstance(v, str):
        b = v.encode("utf-8")
        n = len(b)
        if n < 16:
            return bytes([0x80 + n]) + b
        if n < 256:
            return b"\xd0" + bytes([n]) + b
        if n < 65536:
            return b"\xd1" + struct.pack(">H", n) + b
        return b"\xd2" + struct.pack(">I", n) + b
    if isinstance(v, dict):
        out = bytes([0xA0 + len(v)])
        for k, x in v.items():
            out += pack(k) + pack(x)
        return out
    raise TypeError(type(v))


def recv_exact(s, n):
    buf = b""
    while len(buf) < n:
        part = s.recv(n - len(buf))
        if not part:
            raise ConnectionError("connection closed by server")
        buf += part
    return buf


def read_message(s):
    data = b""
    while True:
        (size,) = struct.unpack(">H", recv_exact(s, 2))
        if size == 0:
            if data:
                return data
            continue  # NOOP keep-alive chunk
        data += recv_exact(s, size)


def main():
    host, port, user = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    password = os.environ.get("NEO4J_PASSWORD", "")
    try:
        s = socket.create_connection((host, port), timeout=5)
        s.sendall(b"\x60\x60\xb0\x17" + bytes([0, 0, 0, 5]) + bytes([0, 0, 4, 4]) + bytes(8))
        v = recv_exact(s, 4)
        if v == bytes(4):
            print("bolt: server agreed no protocol version")
            return 1
        hello = {"user_agent": "kg-deploy-check/1.0", "scheme": "basic",
                 "principal": user, "credentials": password}
        body = bytes([0xB1, 0x01]) + pack(hello)
        s.sendall(struct.pack(">H", len(body)) + body + b"\x00\x00")
        msg = read_message(s)
        s.close()
    except (OSError, ConnectionError, struct.error) as e:
        print("bolt: %s" % e)
        return 1
    tag = msg[1] if len(msg) > 1 else None
    if tag == 0x70:
        print("bolt %d.%d: logged in as %s" % (v[3], v[2], user))
        return 0
    text = msg.decode("utf-8", "replace")
    if tag == 0x7F:
        print("bolt %d.%d: login refused: %s" % (v[3], v[2], " ".join("".join(c if 32 <= ord(c) < 127 else " " for c in text).split())))
        return 2 if "Security" in text else 1
    print("bolt: unexpected answer %r" % msg[:40])
    return 1


if __name__ == "__main__":
    sys.exit(main())
