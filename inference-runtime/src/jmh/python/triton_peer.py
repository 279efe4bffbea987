"""Starts Triton Inference Server (the build that PyTriton ships) serving the CTR ranker through
PyTriton: Triton's Python backend hands each request to a Python function that runs ONNX Runtime
(ctr_session).

Usage: python triton_peer.py --port PORT --model MODEL.onnx --workers N --name NAME

Triton's own ONNX Runtime backend is not available from the package index on CPU (the PyTriton
wheel carries tritonserver with the Python backend only), so the model runs in onnxruntime inside
PyTriton's Python model instances. Knobs: N model instances (N inference callables, each in its
own PyTriton proxy process with its own session of one intra-op and one inter-op thread),
batching off (max_batch_size 0, as the runtime under test runs with dynamic batching off), HTTP
on the loopback port, gRPC and metrics on free loopback ports, every other Triton setting at its
default (HTTP thread count included). Triton's HTTP endpoint implements the V2 binary tensor data
extension.
"""

import argparse
import os
import socket
import sys

import numpy as np
from pytriton.model_config import ModelConfig, Tensor
from pytriton.triton import Triton, TritonConfig

import ctr_session


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def infer_function(model_path):
    session = ctr_session.open_session(model_path)

    def infer(requests):
        return [
            {
                ctr_session.OUTPUT_SCORE: ctr_session.score(
                    session, r[ctr_session.INPUT_IDS], r[ctr_session.INPUT_DENSE]
                )
            }
            for r in requests
        ]

    return infer


def use_own_libpython():
    """Triton's Python backend stub links libpython3.X.so dynamically: when the interpreter
    running this script is not the system's (pyenv, a custom build), the stub would load the
    system's libpython of another patch release against this interpreter's standard library and
    fail in multiprocessing. Put this interpreter's own lib folder first for Triton's children."""
    lib = os.path.join(sys.base_prefix, "lib")
    if os.path.exists(os.path.join(lib, f"libpython{sys.version_info[0]}.{sys.version_info[1]}.so.1.0")):
        os.environ["LD_LIBRARY_PATH"] = lib + os.pathsep + os.environ.get("LD_LIBRARY_PATH", "")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--model", required=True)
    p.add_argument("--workers", type=int, required=True)
    p.add_argument("--name", default="ctr")
    a = p.parse_args()
    use_own_libpython()
    config = TritonConfig(
        http_address="127.0.0.1",
        http_port=a.port,
        grpc_address="127.0.0.1",
        grpc_port=free_port(),
        metrics_address="127.0.0.1",
        metrics_port=free_port(),
    )
    with Triton(config=config) as triton:
        triton.bind(
            model_name=a.name,
            infer_func=[infer_function(a.model) for _ in range(a.workers)],
            inputs=[
                Tensor(name=ctr_session.INPUT_IDS, dtype=np.int64, shape=(-1,)),
                Tensor(name=ctr_session.INPUT_DENSE, dtype=np.float32, shape=(-1, 8)),
            ],
            outputs=[Tensor(name=ctr_session.OUTPUT_SCORE, dtype=np.float32, shape=(-1, 1))],
            config=ModelConfig(batching=False),
            strict=True,
        )
        triton.serve()


if __name__ == "__main__":
    main()
