#!/usr/bin/python3
"""Prints server_bench.sh's results (lines `SERVER PHASE CLIENTS CPU_TICKS TICKS_PER_S {json}`) as
a Markdown table, with firebeat's tiles/s over MapServer's at the highest client count."""
import json
import sys


def main():
    rows = []
    with open(sys.argv[1]) as f:
        for line in f:
            server, phase, clients, ticks, per_second, result = line.split(" ", 5)
            r = json.loads(result)
            r["cpu_ms"] = int(ticks) / int(per_second) * 1000 / max(r["requests"], 1)
            rows.append((server, phase, int(clients), r))
    print("| server | cache | clients | tiles/s | p50 ms | p95 ms | p99 ms | server CPU ms/tile "
          "| errors (non-2xx / socket / timeouts) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for server, phase, clients, r in rows:
        socket = r["connect_errors"] + r["read_errors"] + r["write_errors"]
        print(f"| {server} | {phase} | {clients} | {r['tiles_per_s']:.1f} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} "
              f"| {r['p99_ms']:.1f} | {r['cpu_ms']:.1f} | {r['non_2xx']} / {socket} / {r['timeouts']} |")
    most = max(c for _, _, c, _ in rows)
    rate = {(s, p): r["tiles_per_s"] for s, p, c, r in rows if c == most}
    if ("firebeat", "cold") in rate and rate.get(("mapserver", "cold")):
        print(f"\nfirebeat / MapServer at {most} clients, cache off: "
              f"{rate[('firebeat', 'cold')] / rate[('mapserver', 'cold')]:.1f}x")


if __name__ == "__main__":
    main()
