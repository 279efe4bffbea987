"""Runs one inference with KServe's InferenceRESTClient (protocol v2) and prints what came back.

usage: kserve_rest_check.py BASE_URL CASE_JSON (--json | --binary)

--json sends the inputs as JSON data; --binary sends them as raw tensors after the JSON header
(Inference-Header-Content-Length) and asks for binary outputs (binary_data_output). Also reports
is_server_live/is_server_ready/is_model_ready (this client has no metadata call) and the message
of the error the client raises for a request the server must refuse (an unknown input name).
"""
import asyncio
import sys
from importlib.metadata import version

import httpx
from kserve import InferenceRESTClient, RESTConfig
from kserve.protocol.infer_type import InferInput, InferRequest, RequestedOutput

from v2_case import emit, load_case, tensor_report


def request(model, mode, arrays, names, outputs, request_id):
    binary = mode == "binary"
    inputs = []
    for (spec, array), name in zip(arrays, names):
        tensor = InferInput(name=name, shape=list(array.shape), datatype=spec["datatype"])
        tensor.set_data_from_numpy(array, binary_data=binary)
        inputs.append(tensor)
    requested = [RequestedOutput(name, {"binary_data": binary}) for name in outputs]
    return InferRequest(
        model_name=model,
        infer_inputs=inputs,
        request_id=request_id,
        request_outputs=requested,
        parameters={"binary_data_output": True} if binary else None,
    )


async def run(base, case_path, mode):
    case, arrays = load_case(case_path)
    model = case["model"]
    client = InferenceRESTClient(RESTConfig(protocol="v2", timeout=30))
    try:
        report = {
            "client": "kserve.InferenceRESTClient " + version("kserve"),
            "mode": mode,
            "server_live": await client.is_server_live(base),
            "server_ready": await client.is_server_ready(base),
            "model_ready": await client.is_model_ready(base, model),
        }
        names = [spec["name"] for spec, _ in arrays]
        headers = {}
        result = await client.infer(
            base,
            request(model, mode, arrays, names, case["outputs"], "kserve-" + mode),
            model_name=model,
            response_headers=headers,
        )
        report["response_id"] = result.id
        report["response_model_name"] = result.model_name
        report["response_content_type"] = headers.get("content-type")
        # the client folds binary outputs into data; the headers show how they travelled
        report["response_binary_header"] = headers.get("inference-header-content-length")
        report["outputs"] = {}
        for out in result.outputs:
            report["outputs"][out.name] = tensor_report(out.datatype, out.as_numpy())
        # A request the server must refuse: the client has to surface the server's error message.
        wrong = ["no_such_input"] + names[1:]
        try:
            await client.infer(
                base, request(model, mode, arrays, wrong, case["outputs"], "bad"), model_name=model
            )
            report["error"] = None
        except httpx.HTTPStatusError as e:
            report["error"] = {"status": str(e.response.status_code), "message": str(e)}
    finally:
        await client.close()
    emit(report)


def main(argv):
    if len(argv) != 4 or argv[3] not in ("--json", "--binary"):
        sys.exit(__doc__)
    asyncio.run(run(argv[1], argv[2], argv[3][2:]))


if __name__ == "__main__":
    main(sys.argv)
