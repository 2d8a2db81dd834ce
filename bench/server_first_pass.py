#!/usr/bin/env python3
"""One pass over a list of request paths, CLIENTS at a time, each client on its own keep-alive
connection (no process per request, which on 2 cores would load the machine more than the
server): the latencies of the very first requests after a server starts (server_bench.sh).

Usage: server_first_pass.py BASE_URL PATHS_FILE CLIENTS
Prints: "firebeat first pass after start (C clients, N tiles, B not 200): p50 .. ms, p99 .. ms, max .. ms"
"""
import http.client
import sys
import threading
import time
import urllib.parse


def main():
    base, paths_file, clients = sys.argv[1], sys.argv[2], int(sys.argv[3])
    url = urllib.parse.urlsplit(base)
    with open(paths_file) as f:
        paths = [line.strip() for line in f if line.strip()]
    lock = threading.Lock()
    todo = list(enumerate(paths))
    latencies, bad = [], [0]

    def client():
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
        while True:
            with lock:
                if not todo:
                    break
                _, path = todo.pop(0)
            start = time.perf_counter()
            conn.request("GET", url.path + path)
            response = conn.getresponse()
            response.read()
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                latencies.append(elapsed)
                bad[0] += response.status != 200
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()
    n = len(latencies)
    pick = lambda q: latencies[min(n - 1, max(0, int(n * q + 0.5) - 1))]
    print(f"firebeat first pass after start ({clients} clients, {n} tiles, {bad[0]} not 200): "
          f"p50 {pick(0.5):.1f} ms, p99 {pick(0.99):.1f} ms, max {latencies[-1]:.1f} ms")


if __name__ == "__main__":
    main()
