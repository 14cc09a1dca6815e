#!/usr/bin/env python3
"""How parley's latency grows with the size of a rule set (not a test).

Generates rule sets from the peer benchmark policy (tests/bench/peer_policy.yaml)
grown in two directions and times each with `parley bench` on the benchmark's
messages:

  keywords  each of the nine intents gets extra keywords that never occur in
            the messages (100 to 10,000 in all): one automaton pass over the
            text should cost the same whatever their number;
  rules     extra rules (50 to 5,000 in all), each needing one of 500 extra
            intents whose keywords never occur: rules whose intents are
            absent should not be looked at.

usage: bench/scaling.py PARLEY [--repeat N]   (run from the repository root)
Prints one line per rule set: kind, size, median_us, p99_us.
"""
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "tests" / "bench"
POLICY = (BENCH / "peer_policy.yaml").read_text(encoding="utf-8")
# Rare CJK characters, none of which occurs in the benchmark's messages.
ALPHABET = [chr(c) for c in range(0x4E00, 0x9FA5)]


def absent_words(count, seed):
    used = set((BENCH / "messages.txt").read_text(encoding="utf-8"))
    letters = [c for c in ALPHABET if c not in used]
    rng = random.Random(seed)
    words = set()
    while len(words) < count:
        words.add("".join(rng.choice(letters) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def with_keywords(total):
    """The policy with `total` keywords spread over its nine intents."""
    extra = absent_words(max(0, total - 26), seed=total)
    out = []
    for line in POLICY.splitlines():
        if line.endswith("negatable: false}") and line.startswith("  ") and "any: [" in line:
            mine, extra = extra[: len(extra) // 9 + 1], extra[len(extra) // 9 + 1:]
            line = line.replace("], negatable", "".join(", " + w for w in mine) + "], negatable")
        out.append(line)
    return "\n".join(out) + "\n"


def with_rules(total):
    """The policy with `total` rules: 50 of its own, the rest on absent intents."""
    extra_rules = max(0, total - 50)
    intents = min(500, max(1, extra_rules))
    words = absent_words(intents, seed=7)
    text = POLICY.replace("\nrules:\n", "\n" + "".join(
        f"  generated_{i}: {{any: [{words[i]}], negatable: false}}\n" for i in range(intents)) + "\nrules:\n")
    rules = []
    for i in range(extra_rules):
        rules.append(f"  - id: generated_rule_{i}\n    score: {5 + i % 4}\n"
                     f"    when: generated_{i % intents} and round >= {i % 7} and offer > facts.floor\n"
                     f"    do: answer\n    say: \"第{i}条: {{offer}}元\"\n")
    return text + "".join(rules)


def run(parley, yaml_text, repeat):
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", encoding="utf-8", delete=False) as f:
        f.write(yaml_text)
    out = subprocess.run([parley, "bench", "--rules", f.name, "--contexts", str(BENCH / "contexts.tsv"),
                          "--repeat", str(repeat), "--json", str(BENCH / "messages.txt")],
                         check=True, capture_output=True, text=True).stdout
    Path(f.name).unlink()
    return json.loads(out)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    parley = sys.argv[1]
    repeat = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[2] == "--repeat" else 3
    print("kind\tsize\tmedian_us\tp99_us")
    for total in (100, 1000, 10000):
        r = run(parley, with_keywords(total), repeat)
        print(f"keywords\t{total}\t{r['median_us']:.3f}\t{r['p99_us']:.3f}", flush=True)
    for total in (50, 500, 5000):
        r = run(parley, with_rules(total), repeat)
        print(f"rules\t{total}\t{r['median_us']:.3f}\t{r['p99_us']:.3f}", flush=True)


if __name__ == "__main__":
    main()
