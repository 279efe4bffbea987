"""MLServer custom runtime for the CTR ranker: decodes the V2 request with MLServer's own NumPy
codec, runs the model with ONNX Runtime (ctr_session) and encodes the score the same way.

MLServer's own ONNX runtime (mlserver-onnx) is not among the pinned packages; a custom runtime
calling onnxruntime is what MLServer documents for models it has no runtime for.
"""

from mlserver import MLModel
from mlserver.codecs import NumpyCodec
from mlserver.types import InferenceRequest, InferenceResponse

import ctr_session


class CtrOnnxRuntime(MLModel):
    async def load(self) -> bool:
        self._session = ctr_session.open_session(self.settings.parameters.uri)
        return True

    async def predict(self, payload: InferenceRequest) -> InferenceResponse:
        inputs = {i.name: NumpyCodec.decode_input(i) for i in payload.inputs}
        missing = {ctr_session.INPUT_IDS, ctr_session.INPUT_DENSE} - inputs.keys()
        if missing:
            raise ValueError(f"missing inputs {sorted(missing)}")
        score = ctr_session.score(
            self._session, inputs[ctr_session.INPUT_IDS], inputs[ctr_session.INPUT_DENSE]
        )
        return InferenceResponse(
            model_name=self.name,
            id=payload.id,
            outputs=[NumpyCodec.encode_output(ctr_session.OUTPUT_SCORE, score)],
        )
