#!/usr/bin/env python3
"""desk-agent: a tiny agent that takes tasks over HTTP and completes them in the background.

  POST /tasks   {"id": "...", "payload": {...}}  -> 202 once the task is accepted
  GET  /results -> {"completed": [{"id": "...", "count": 1}, ...]}
  GET  /health  -> 200 while the agent runs

With JOURNAL=on (the default) every accepted task and every completion is written to a journal and fsync'ed
before it is acknowledged or reported, so a crashed and restarted agent finishes what it accepted and forgets
nothing it finished. With JOURNAL=off it keeps everything in memory: a crash loses the work in flight and the
record of the work done. WORK_TIME is how long one task takes (milliseconds).
"""
import json
import os
import queue
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

JOURNAL = os.environ.get("JOURNAL", "on") != "off"
JOURNAL_FILE = os.environ.get("JOURNAL_FILE", "/var/lib/desk-agent/journal")
WORK_TIME = int(os.environ.get("WORK_TIME", "100")) / 1000.0
MAX_BODY = 64 * 1024

lock = threading.Lock()
accepted = set()
completed = {}
todo = queue.Queue()
journal = None


def record(line):
    """Appends one line to the journal and forces it to disk (nothing when the journal is off)."""
    if journal is not None:
        journal.write(line + "\n")
        journal.flush()
        os.fsync(journal.fileno())


def replay():
    """Rebuilds the accepted and completed tasks from the journal, and queues the unfinished ones again."""
    global journal
    if not JOURNAL:
        return
    os.makedirs(os.path.dirname(JOURNAL_FILE), exist_ok=True)
    if os.path.exists(JOURNAL_FILE):
        with open(JOURNAL_FILE, encoding="utf-8") as f:
            for line in f:
                kind, _, task = line.rstrip("\n").partition(" ")
                if kind == "accepted":
                    accepted.add(task)
                elif kind == "done" and task:
                    completed[task] = completed.get(task, 0) + 1
    for task in sorted(accepted - completed.keys()):
        todo.put(task)
    journal = open(JOURNAL_FILE, "a", encoding="utf-8")


def work():
    while True:
        task = todo.get()
        time.sleep(WORK_TIME)  # the work itself
        with lock:
            if task not in completed:
                record("done " + task)
                completed[task] = 1


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/health":
            self.answer(200, {"status": "up"})
        elif self.path.split("?")[0] == "/results":
            with lock:
                done = [{"id": task, "count": count} for task, count in completed.items()]
            self.answer(200, {"completed": done})
        else:
            self.answer(404, {"error": "no such path"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        if self.path != "/tasks" or not 0 < length <= MAX_BODY:
            self.answer(400 if self.path == "/tasks" else 404, {"error": "POST a task to /tasks"})
            return
        try:
            task = str(json.loads(self.rfile.read(length))["id"])
        except (ValueError, KeyError, TypeError):
            self.answer(400, {"error": "a task is {\"id\": ...}"})
            return
        if "\n" in task or " " in task or not task:
            self.answer(400, {"error": "a task id has no spaces"})
            return
        with lock:
            if task not in accepted:
                record("accepted " + task)
                accepted.add(task)
                todo.put(task)
        self.answer(202, {"accepted": task})


if __name__ == "__main__":
    replay()
    threading.Thread(target=work, daemon=True).start()
    ThreadingHTTPServer(("0.0.0.0", int(os.environ.get("PORT", "8080"))), Handler).serve_forever()
