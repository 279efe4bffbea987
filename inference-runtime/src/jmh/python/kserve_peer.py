"""Starts KServe's Python model server serving the CTR ranker through a custom kserve.Model whose
predict runs ONNX Runtime (ctr_session) on the V2 request.

Usage: python kserve_peer.py --port PORT --model MODEL.onnx --workers N --name NAME

Knobs: --workers=N uvicorn worker processes (each with its own ONNX Runtime session of one
intra-op and one inter-op thread), gRPC server off, per-request latency logging and uvicorn's access log off (KServe's
defaults write log lines per request). REST answers JSON, or binary tensors when the request
asks for them (KServe implements the V2 binary tensor data extension).
"""

import argparse
import logging
import os
import sys
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--model", required=True)
    p.add_argument("--workers", type=int, required=True)
    p.add_argument("--name", default="ctr")
    return p.parse_args()


# kserve.model_server parses sys.argv for its own flags when it is imported (and argparse would
# read --model as its --model_name): parse ours first, then leave kserve only the logging config,
# which keeps uvicorn's access log (a line per request by default) off in every worker. The
# workers, started with multiprocessing's "spawn", import this file again under another name.
if __name__ == "__main__":
    ARGS = parse_args()
    sys.argv = [sys.argv[0], "--log_config_file", os.path.join(HERE, "kserve-logging.json")]

import kserve  # noqa: E402
from kserve import InferOutput, InferRequest, InferResponse, Model, ModelServer  # noqa: E402

import ctr_session  # noqa: E402


def quiet_request_logs():
    """Per-request log lines off in this worker. The log config file does that for the workers
    KServe starts first, but a worker that misses the parent's 5 s liveness ping (slow start on a
    loaded machine) is replaced by one with KServe's default logging, access log on."""
    for name in ("uvicorn.access", "kserve.trace"):
        logging.getLogger(name).setLevel(logging.WARNING)


class CtrOnnxModel(Model):
    def __init__(self, name, model_path):
        super().__init__(name)
        self._path = model_path
        self._session = None
        self._quiet = False
        self.load()

    def load(self):
        self._session = ctr_session.open_session(self._path)
        self.ready = True
        return self.ready

    # KServe starts its uvicorn workers with multiprocessing's "spawn", which pickles the model:
    # each worker process opens its own session instead of receiving the parent's
    def __getstate__(self):
        state = self.__dict__.copy()
        state["_session"] = None
        state["_quiet"] = False
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self.load()

    def predict(self, payload: InferRequest, headers=None, response_headers=None):
        if not self._quiet:
            quiet_request_logs()
            self._quiet = True
        ids = payload.get_input_by_name(ctr_session.INPUT_IDS)
        dense = payload.get_input_by_name(ctr_session.INPUT_DENSE)
        if ids is None or dense is None:
            raise kserve.errors.InvalidInput(
                f"inputs {ctr_session.INPUT_IDS} and {ctr_session.INPUT_DENSE} are required"
            )
        score = ctr_session.score(self._session, ids.as_numpy(), dense.as_numpy())
        output = InferOutput(name=ctr_session.OUTPUT_SCORE, shape=list(score.shape), datatype="FP32")
        output.set_data_from_numpy(score, binary_data=False)
        return InferResponse(
            response_id=payload.id or str(uuid.uuid4()),
            model_name=self.name,
            infer_outputs=[output],
            use_binary_outputs=payload.use_binary_outputs,
            requested_outputs=payload.request_outputs,
        )


def main():
    a = ARGS
    model = CtrOnnxModel(a.name, a.model)
    ModelServer(
        http_port=a.port,
        workers=a.workers,
        enable_grpc=False,
        enable_latency_logging=False,
    ).start([model])


if __name__ == "__main__":
    main()
