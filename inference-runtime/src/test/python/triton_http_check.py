"""Runs one inference with tritonclient.http against a V2 server and prints what came back.

usage: triton_http_check.py BASE_URL CASE_JSON (--json | --binary)

--json sends the inputs as JSON data and asks for JSON outputs; --binary uses the binary
tensor extension both ways (binary_data=True on every input and requested output).
Also reports is_server_live/is_server_ready/is_model_ready, server and model metadata, the
scores of the same request sent gzip- and deflate-compressed, and the message the client
raises for a request the server must refuse (an unknown input name).
"""
import sys
from importlib.metadata import version
from urllib.parse import urlparse

import tritonclient.http as httpclient
from tritonclient.utils import InferenceServerException

from v2_case import emit, load_case, tensor_report


def main(argv):
    if len(argv) != 4 or argv[3] not in ("--json", "--binary"):
        sys.exit(__doc__)
    base, case_path, mode = argv[1], argv[2], argv[3]
    binary = mode == "--binary"
    url = urlparse(base)
    if url.scheme != "http" or url.path not in ("", "/"):
        sys.exit("BASE_URL must be http://host:port, got " + base)
    case, arrays = load_case(case_path)
    model = case["model"]

    client = httpclient.InferenceServerClient(url=url.netloc, network_timeout=30.0)
    report = {
        "client": "tritonclient.http " + version("tritonclient"),
        "mode": mode[2:],
        "server_live": client.is_server_live(),
        "server_ready": client.is_server_ready(),
        "model_ready": client.is_model_ready(model),
        "server_metadata": client.get_server_metadata(),
        "model_metadata": client.get_model_metadata(model),
        "versioned_model_metadata": client.get_model_metadata(model, model_version="1"),
        "versioned_model_ready": client.is_model_ready(model, model_version="1"),
        "unknown_version_ready": client.is_model_ready(model, model_version="999"),
    }

    inputs = []
    for spec, array in arrays:
        tensor = httpclient.InferInput(spec["name"], list(array.shape), spec["datatype"])
        tensor.set_data_from_numpy(array, binary_data=binary)
        inputs.append(tensor)
    outputs = [httpclient.InferRequestedOutput(name, binary_data=binary) for name in case["outputs"]]
    result = client.infer(model, inputs, outputs=outputs, request_id="triton-" + mode[2:])
    response = result.get_response()
    report["response_id"] = response.get("id")
    report["response_model_name"] = response.get("model_name")
    report["outputs"] = {}
    for name in case["outputs"]:
        meta = result.get_output(name)
        if meta is None:
            sys.exit("no output " + name + " in " + str(response))
        report["outputs"][name] = tensor_report(meta["datatype"], result.as_numpy(name))
        report["outputs"][name]["binary"] = "binary_data_size" in meta.get("parameters", {})

    # The same request with a compressed body (Content-Encoding), as the client offers it.
    report["compressed"] = {}
    for algorithm in ("gzip", "deflate"):
        packed = client.infer(
            model, inputs, outputs=outputs, request_compression_algorithm=algorithm
        )
        report["compressed"][algorithm] = [v.item() for v in packed.as_numpy(case["outputs"][0]).reshape(-1)]

    # A request the server must refuse: the client has to surface the server's error message.
    spec, array = arrays[0]
    wrong = httpclient.InferInput("no_such_input", list(array.shape), spec["datatype"])
    wrong.set_data_from_numpy(array, binary_data=binary)
    try:
        client.infer(model, [wrong] + inputs[1:])
        report["error"] = None
    except InferenceServerException as e:
        report["error"] = {"status": e.status(), "message": e.message()}
    client.close()
    emit(report)


if __name__ == "__main__":
    main(sys.argv)
