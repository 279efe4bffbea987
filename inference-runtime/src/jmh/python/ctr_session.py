"""The ONNX Runtime session every peer server in the comparison uses.

One intra-op and one inter-op thread, full graph optimisation, CPU only: the same settings as the
runtime under test (RUNTIME_ORT_INTRA_OP_THREADS=1, RUNTIME_ORT_INTER_OP_THREADS=1), so that the
servers differ in what surrounds session.run, not in the run itself.
"""

import onnxruntime as ort

INPUT_IDS = "item_ids"
INPUT_DENSE = "dense"
OUTPUT_SCORE = "score"


def open_session(model_path):
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return ort.InferenceSession(model_path, options, providers=["CPUExecutionProvider"])


def score(session, item_ids, dense):
    """Scores one request: item_ids INT64 [n], dense FP32 [n, 8] -> score FP32 [n, 1]."""
    return session.run([OUTPUT_SCORE], {INPUT_IDS: item_ids, INPUT_DENSE: dense})[0]
