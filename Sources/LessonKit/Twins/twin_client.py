"""Runs one lesson's twins through twin_server.py and ends as the twins' process ended.

Usage: python -I -S -B twin_client.py SOCKET WORKDIR

To the runner this is the twins' process: it is started with the lesson's output files as stdout and
stderr and killed, with its process group, at the lesson's deadline. It passes its stdout and stderr
and WORKDIR to the server, whose fork joins this process group and runs the twins, waits for the
fork's wait status, and exits with the same code, or dies of the same signal. It imports nothing
beyond the standard library, so it starts in a few milliseconds.
"""
import json
import os
import signal
import socket
import sys


def main():
    path, workdir = sys.argv[1], sys.argv[2]
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.connect(path)
    except OSError as error:
        sys.exit(f"the twins' server at {path} cannot be reached: {error}")
    request = json.dumps({"workdir": os.path.abspath(workdir), "pgid": os.getpgrp()}).encode()
    socket.send_fds(server, [request], [1, 2])
    for line in server.makefile("r", encoding="utf-8"):
        message = json.loads(line)
        if "status" in message:
            status = message["status"]
            break
    else:
        sys.exit("the twins' server ended before the lesson's twins did")
    if os.WIFSIGNALED(status):
        signal.signal(os.WTERMSIG(status), signal.SIG_DFL)
        os.kill(os.getpid(), os.WTERMSIG(status))
    sys.exit(os.WEXITSTATUS(status))


if __name__ == "__main__":
    main()
