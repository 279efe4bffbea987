"""Shared helpers for the V2 client conformance scripts (used by OfficialV2ClientsIT).

The case file is JSON:
  {"model": "ctr",
   "inputs": [{"name": "item_ids", "datatype": "INT64", "shape": [3], "data": [1, 2, 3]}, ...],
   "outputs": ["score"]}
with every input's data flat, row-major. Each script prints one JSON object on stdout.
"""
import json
import sys

import numpy as np

NUMPY_TYPES = {
    "BOOL": np.bool_,
    "INT8": np.int8,
    "UINT8": np.uint8,
    "INT16": np.int16,
    "INT32": np.int32,
    "INT64": np.int64,
    "FP16": np.float16,
    "FP32": np.float32,
    "FP64": np.float64,
}


def load_case(path):
    with open(path, encoding="utf-8") as f:
        case = json.load(f)
    arrays = []
    for spec in case["inputs"]:
        dtype = NUMPY_TYPES[spec["datatype"]]
        arrays.append((spec, np.asarray(spec["data"], dtype=dtype).reshape(spec["shape"])))
    return case, arrays


def tensor_report(datatype, array):
    """Datatype, shape and flat values of a returned tensor, as plain JSON (exact doubles)."""
    array = np.asarray(array)
    return {
        "datatype": datatype,
        "numpy_dtype": str(array.dtype),
        "shape": [int(d) for d in array.shape],
        "data": [v.item() for v in array.reshape(-1)],
    }


def emit(report):
    json.dump(report, sys.stdout, sort_keys=True)
    sys.stdout.write("\n")
    sys.stdout.flush()
