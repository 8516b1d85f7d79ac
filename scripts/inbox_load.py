"""Measure the intake service: accepted submissions per second.

Starts nothing: point it at a running `kudos inbox serve` (on a copy of a
site, since every accepted entry becomes a file in its kudos/_inbox/).

    python scripts/inbox_load.py --url http://127.0.0.1:8765 --token-file TOKEN -n 2000 -c 50

Each worker thread keeps one HTTP/1.1 connection open and posts distinct
valid entries; the result counts only 201 answers.
"""

from __future__ import annotations

import argparse
import http.client
import json
import threading
import time
from collections import Counter
from urllib.parse import urlsplit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:8765")
    parser.add_argument("--token-file", required=True)
    parser.add_argument("-n", "--requests", type=int, default=2000)
    parser.add_argument("-c", "--concurrency", type=int, default=50)
    parser.add_argument("--from", dest="giver", default="ana-lima")
    parser.add_argument("--to", default="ben-okafor")
    parser.add_argument("--date", default=time.strftime("%Y-%m-%d"))
    args = parser.parse_args()

    with open(args.token_file, encoding="utf-8") as handle:
        token = next(t for t in (line.split("#", 1)[0].strip() for line in handle) if t)
    target = urlsplit(args.url)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    counter = iter(range(args.requests))
    lock = threading.Lock()
    statuses: Counter[int] = Counter()

    def worker() -> None:
        connection = http.client.HTTPConnection(target.hostname, target.port or 80, timeout=60)
        while True:
            with lock:
                number = next(counter, None)
            if number is None:
                break
            body = json.dumps({
                "date": args.date, "from": args.giver, "to": [args.to],
                "message": f"Load test thank-you number {number}: *thanks* for the help.",
            })
            try:
                connection.request("POST", "/api/kudos", body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(target.hostname, target.port or 80, timeout=60)
                status = 0
            with lock:
                statuses[status] += 1
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(args.concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    accepted = statuses.get(201, 0)
    print(f"{args.requests} requests, concurrency {args.concurrency}, {elapsed:.2f} s")
    print(f"answers: {dict(sorted(statuses.items()))}")
    print(f"accepted: {accepted / elapsed:.0f} submissions/s")


if __name__ == "__main__":
    main()
