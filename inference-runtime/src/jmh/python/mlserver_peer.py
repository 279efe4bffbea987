"""Starts MLServer serving the CTR ranker through the custom runtime in mlserver_ctr.py.

Usage: python mlserver_peer.py --port PORT --model MODEL.onnx --workers N --name NAME

Writes settings.json (server) and model-settings.json (model) into a fresh temporary folder and
replaces this process with `mlserver start` on it. Knobs: parallel_workers=N (inference runs in N
worker processes, each with its own ONNX Runtime session of one intra-op and one inter-op
thread), debug=false (MLServer's default true writes an access-log line per request), gRPC and
metrics servers on free loopback ports (they cannot be switched off), adaptive batching off
(max_batch_size 1, MLServer's default).
"""

import argparse
import json
import os
import shutil
import socket
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--model", required=True)
    p.add_argument("--workers", type=int, required=True)
    p.add_argument("--name", default="ctr")
    a = p.parse_args()
    folder = tempfile.mkdtemp(prefix="mlserver-peer-")
    settings = {
        "host": "127.0.0.1",
        "http_port": a.port,
        "grpc_port": free_port(),
        "metrics_port": free_port(),
        "parallel_workers": a.workers,
        "debug": False,
        # both default to folders in the working directory
        "metrics_dir": os.path.join(folder, ".metrics"),
        "environments_dir": os.path.join(folder, ".envs"),
    }
    model_settings = {
        "name": a.name,
        "implementation": "mlserver_ctr.CtrOnnxRuntime",
        "max_batch_size": 1,
        "parameters": {"uri": os.path.abspath(a.model)},
    }
    with open(os.path.join(folder, "settings.json"), "w") as f:
        json.dump(settings, f)
    with open(os.path.join(folder, "model-settings.json"), "w") as f:
        json.dump(model_settings, f)
    # the runtime modules next to the settings, so MLServer's workers import them too
    for module in ("mlserver_ctr.py", "ctr_session.py"):
        shutil.copy(os.path.join(HERE, module), folder)
    os.environ["PYTHONPATH"] = folder + os.pathsep + os.environ.get("PYTHONPATH", "")
    mlserver = os.path.join(os.path.dirname(sys.executable), "mlserver")
    os.execv(mlserver, [mlserver, "start", folder])


if __name__ == "__main__":
    main()
