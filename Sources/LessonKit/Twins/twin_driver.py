"""Runs one lesson's PyTorch twins in order in one namespace, like a notebook.

Usage: python -u -c "$(cat twin_driver.py)" WORKDIR   (the runner calls main(WORKDIR) in a fork of
twin_server.py instead)

WORKDIR/twins.json holds {"file": "Lessons/NN-x.md", "text": the lesson's Markdown,
"twins": [{"index", "line", "source", "run"}]}
where "line" is the Markdown line of the twin's first source line and "run" is false for a twin
that is only compiled. For each twin the driver points fds 1 and 2 at WORKDIR/twin-INDEX.txt
(so the twin's prints, warnings and C-level output land there in order) and appends JSON records
to WORKDIR/records.jsonl, a file the twin's output never reaches: {"twin", "event": "start"}
before it runs, then {"twin", "event": "end", "raised", "exception", "line", "traceback"}.
A missing "end" record means the process died inside that twin.
"""
import json
import linecache
import os
import sys
import traceback
import warnings


def show_warning(message, category, filename, lineno, file=None, line=None):
    """Warnings as `Category: message`, without the machine's file paths."""
    sys.stderr.write(f"{category.__name__}: {message}\n")


def lesson_frames(tb, lesson_file):
    """The traceback's frames that lie in the lesson, outermost first."""
    return [frame for frame in traceback.extract_tb(tb) if frame.filename == lesson_file]


def main(workdir):
    with open(os.path.join(workdir, "twins.json"), encoding="utf-8") as spec_file:
        spec = json.load(spec_file)
    lesson_file = spec["file"]
    # Twins are compiled with their Markdown line numbers, so the lesson file is their source text.
    lesson_lines = spec["text"].splitlines(True)
    linecache.cache[lesson_file] = (len(spec["text"]), None, lesson_lines, lesson_file)
    with open(os.path.join(workdir, "records.jsonl"), "w", encoding="utf-8", buffering=1) as records:
        run_twins(spec, lesson_file, workdir, records)


def run_twins(spec, lesson_file, workdir, records):
    """Runs the twins in one namespace, each with fds 1 and 2 on its own file, and records how each ended."""
    driver_output = os.dup(1)

    import torch
    torch.set_num_threads(1)
    warnings.showwarning = show_warning
    # Every warning once per location, deprecations from inside libraries included (python -W default).
    warnings.simplefilter("default")
    namespace = {"__name__": "__main__", "__builtins__": __builtins__}

    for twin in spec["twins"]:
        index, first_line, source = twin["index"], twin["line"], twin["source"]
        sys.stdout.flush()
        sys.stderr.flush()
        output = os.open(os.path.join(workdir, f"twin-{index}.txt"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(output, 1)
        os.dup2(output, 2)
        os.close(output)
        records.write(json.dumps({"twin": index, "event": "start"}) + "\n")
        # Padding puts every line of the twin at its Markdown line, so tracebacks name lesson lines.
        padded = "\n" * (first_line - 1) + source
        end = {"twin": index, "event": "end", "raised": False}
        try:
            code = compile(padded, lesson_file, "exec")
            if twin["run"]:
                exec(code, namespace)
        except BaseException as error:  # noqa: BLE001 — a twin's SystemExit or KeyboardInterrupt is its failure too
            frames = lesson_frames(error.__traceback__, lesson_file)
            line = error.lineno if isinstance(error, SyntaxError) and error.filename == lesson_file else None
            if line is None and frames:
                line = frames[-1].lineno
            end.update(raised=True, line=line,
                       exception="".join(traceback.format_exception_only(type(error), error)),
                       traceback="".join(traceback.format_list(frames)))
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(driver_output, 1)
        os.dup2(driver_output, 2)
        records.write(json.dumps(end) + "\n")
    records.write(json.dumps({"event": "done"}) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
