"""A fork server for the PyTorch twins: imports torch once, then runs each lesson's twins in a fork.

Usage: python -u -B -c "$(cat twin_server.py)" SOCKET DRIVER

Importing torch costs one to two seconds of CPU; most lessons' twins take a fraction of that. The
server imports it once, binds SOCKET (a Unix socket only its user may open), prints "ready", and
then serves one connection per lesson from twin_client.py: the client sends its working folder and
process group, and passes its stdout and stderr. The server forks; the child joins the client's
process group (so the runner, killing the client's group at the lesson's deadline, kills the twins
too), takes the client's stdout and stderr as fds 1 and 2 and runs main(WORKDIR) of DRIVER
(twin_driver.py). Every
fork starts from the state right after the import, so no lesson sees another's. The server replies
with the child's pid, then with its wait status when it ends; it kills the child if the client
hangs up first, and kills every child and exits when its standard input closes: the runner holds
the other end, so the server ends with the runner however the runner ends.

The server stays single-threaded (a selector loop), because forking a process with other threads
is unsafe. It runs from `-c` and compiles the driver as "<string>", so the stacks that PyTorch
prints (anomaly mode) name no path of this machine and the site is the same wherever it is built.
"""
import json
import os
import selectors
import signal
import socket
import sys
import traceback

import torch  # the import every lesson's fork inherits

torch.set_num_threads(1)


def load_driver(path):
    """twin_driver.py's functions, compiled as "<string>"."""
    with open(path, encoding="utf-8") as source:
        namespace = {"__name__": "twin_driver", "__builtins__": __builtins__}
        exec(compile(source.read(), "<string>", "exec"), namespace)
    return namespace


def run_child(driver, request, fds, closing):
    """In the fork: join the client's group, take its stdout and stderr, run the lesson's twins."""
    for sock in closing:
        sock.close()
    try:
        os.setpgid(0, request["pgid"])
    except OSError:
        pass  # another session: the server still kills the fork when the client hangs up
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(fds[0], 1)
    os.dup2(fds[1], 2)
    for fd in (null, *fds):
        os.close(fd)
    code = 0
    try:
        driver["main"](request["workdir"])
    except SystemExit as error:
        code = error.code if isinstance(error.code, int) else 1
    except BaseException:  # noqa: BLE001 — the driver's own failure, reported like an uncaught one
        traceback.print_exc()
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code)


def reply(connection, message):
    try:
        connection.sendall((json.dumps(message) + "\n").encode())
    except OSError:
        pass  # the client is gone; its fork was killed on hang-up


def serve(path, driver):
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old_mask = os.umask(0o177)
    try:
        listener.bind(path)
    finally:
        os.umask(old_mask)
    listener.listen(16)
    print("ready", flush=True)

    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ, "accept")
    selector.register(sys.stdin, selectors.EVENT_READ, "stdin")
    forks = {}  # pid -> the client's connection
    try:
        while True:
            for key, _ in selector.select(timeout=0.02):
                if key.data == "stdin":
                    if not os.read(sys.stdin.fileno(), 4096):
                        return
                elif key.data == "accept":
                    connection, _ = listener.accept()
                    message, fds, _, _ = socket.recv_fds(connection, 65536, 2)
                    if len(fds) != 2 or not message:
                        connection.close()
                        for fd in fds:
                            os.close(fd)
                        continue
                    request = json.loads(message)
                    pid = os.fork()
                    if pid == 0:
                        run_child(driver, request, fds, [listener, connection])
                    for fd in fds:
                        os.close(fd)
                    forks[pid] = connection
                    selector.register(connection, selectors.EVENT_READ, pid)
                    reply(connection, {"pid": pid})
                elif not key.fileobj.recv(1):  # the client hung up (killed at its deadline)
                    try:
                        os.kill(key.data, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                    selector.unregister(key.fileobj)
            while forks:
                pid, status = os.waitpid(-1, os.WNOHANG)
                if pid == 0:
                    break
                connection = forks.pop(pid, None)
                if connection is None:
                    continue
                reply(connection, {"status": status})
                try:
                    selector.unregister(connection)
                except KeyError:
                    pass  # already unregistered when the client hung up
                connection.close()
    finally:
        for pid in forks:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for pid in list(forks):
            os.waitpid(pid, 0)
        listener.close()
        os.unlink(path)


if __name__ == "__main__":
    serve(sys.argv[1], load_driver(sys.argv[2]))
    # The runner waits for this process to end: a normal exit tears torch down module by module,
    # most of a second of CPU that nothing needs (the socket is gone, every fork reaped).
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
