"""Speed and memory of language detection on short customer messages.

Runs the labelled set (240 messages, 12 languages) repeatedly and prints one JSON object:
model load time, messages per second, accuracy and the process's peak RSS.

    .venv/bin/python bench/language_detection.py [--rounds 20] [--accurate]

``--accurate`` measures lingua's full (high-accuracy) models instead of the fast mode.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from cortesia.culture.language_detection import detect_language, detector

SAMPLES = (
    Path(__file__).resolve().parent.parent / "cortesia/culture/tests/data/language_samples.json"
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--accurate", action="store_true")
    args = parser.parse_args()
    accurate = bool(args.accurate)
    samples = json.loads(SAMPLES.read_text(encoding="utf-8"))
    began = time.perf_counter()
    detector(accurate=accurate)
    load_seconds = time.perf_counter() - began
    correct = sum(
        detect_language(s["text"], accurate=accurate).language == s["language"] for s in samples
    )
    began = time.perf_counter()
    for _round in range(args.rounds):
        for sample in samples:
            detect_language(sample["text"], accurate=accurate)
    elapsed = time.perf_counter() - began
    print(
        json.dumps(
            {
                "scenario": "language_detection",
                "mode": "accurate" if accurate else "fast",
                "messages": len(samples) * args.rounds,
                "messages_per_s": round(len(samples) * args.rounds / elapsed),
                "load_seconds": round(load_seconds, 2),
                "accuracy": round(correct / len(samples), 4),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            }
        )
    )


if __name__ == "__main__":
    main()
