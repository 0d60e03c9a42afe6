"""`python -m benchmarks quality` scores extraction; `python -m benchmarks adversarial` times
extraction of hostile texts by size; `python -m benchmarks [--quick]` speed."""

import sys


def main() -> int:
    args = sys.argv[1:]
    if args and args[0] == "quality":
        from benchmarks.quality import main as quality

        return quality(args[1:])
    if args[:2] == ["--only", "scale"]:  # the scale benchmark has options of its own
        from benchmarks.scale import main as scale

        return scale(args[2:])
    if args and args[0] == "adversarial":
        from benchmarks.adversarial import main as adversarial

        return adversarial(args[1:])
    from benchmarks.speed import main as speed

    return speed(args)


if __name__ == "__main__":
    sys.exit(main())
