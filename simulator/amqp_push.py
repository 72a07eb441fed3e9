#!/usr/bin/env python3
"""Push one replication payload to Ream Central's queue over AMQP 1.0, as a site does.

A site that is not written in Java follows docs/site-protocol.md ("Push") with nothing but its
communication password: this script derives the site key, signs the payload and, unless given a
broker account, derives the broker token too. It needs Python 3 and Qpid Proton (Debian:
python3-qpid-proton). The system test ExternalBrokerIT runs it against an external Artemis broker.

    amqp_push.py --url amqp://127.0.0.1:61616 --site Prague --password SECRET payload.ndjson.gz
    amqp_push.py ... --broker-user ream --broker-password ream payload.ndjson.gz

Exit codes: 0 sent and accepted by the broker, 2 refused or unreachable (reason on stderr),
64 bad arguments or a file that is not a payload.
"""

import argparse
import base64
import gzip
import hashlib
import hmac
import io
import json
import sys

QUEUE = "replication.payloads"
ITERATIONS = 100000
SALT_PREFIX = "ream-site-v1:"


def b64url(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def site_key(password, site):
    """PBKDF2-HMAC-SHA256(password, "ream-site-v1:" + site, 100000 rounds, 32 bytes)."""
    return hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), (SALT_PREFIX + site).encode("utf-8"), ITERATIONS, 32)


def sign(key, data):
    return b64url(hmac.new(key, data, hashlib.sha256).digest())


def header_of(body):
    """The payload's first line (its header), read without decompressing the rest."""
    with gzip.GzipFile(fileobj=io.BytesIO(body)) as text:
        return json.loads(text.readline().decode("utf-8"))


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="broker URL, amqp://host:port")
    parser.add_argument("--site", required=True, help="the site name, as the central server knows it")
    parser.add_argument("--password", required=True, help="the communication password")
    parser.add_argument("--broker-user", help="broker account (default: the site name)")
    parser.add_argument("--broker-password", help="its password (default: the site's broker token)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for the broker (30)")
    parser.add_argument("payload", help="a payload file (gzip NDJSON)")
    args = parser.parse_args(argv)

    try:
        with open(args.payload, "rb") as f:
            body = f.read()
        header = header_of(body)
        batch = header["batch"]
    except (OSError, ValueError, KeyError, EOFError) as e:
        print("not a payload: %s: %s" % (args.payload, e), file=sys.stderr)
        return 64
    if header.get("site") != args.site:
        print("the payload belongs to site %r, not %r" % (header.get("site"), args.site), file=sys.stderr)
        return 64

    key = site_key(args.password, args.site)
    user = args.broker_user or args.site
    password = args.broker_password if args.broker_user else sign(key, b"broker")

    # Imported here so that --help works without Proton.
    from proton import Message, ProtonException
    from proton.utils import BlockingConnection

    message = Message(body=body, inferred=True, durable=True, content_type="application/octet-stream",
                      properties={"site": args.site, "batch": batch, "signature": sign(key, body)})
    connection = None
    try:
        connection = BlockingConnection(args.url, timeout=args.timeout, user=user, password=password,
                                        allowed_mechs="PLAIN", allow_insecure_mechs=True)
        sender = connection.create_sender(QUEUE)
        sender.send(message, timeout=args.timeout)
    except (ProtonException, OSError) as e:
        print("push refused or broker unreachable: %s: %s" % (type(e).__name__, e), file=sys.stderr)
        return 2
    finally:
        if connection is not None:
            try:
                connection.close()
            except Exception:  # the outcome is known already; a failing close changes nothing
                pass
    print("pushed batch %s of site %s to %s at %s (%d bytes)" % (batch, args.site, QUEUE, args.url, len(body)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
