"""The comparison model behind FastAPI, served by uvicorn."""
import os
import pickle

from fastapi import FastAPI, Request

from churn_model import answer

app = FastAPI()
with open(os.environ["MODEL"], "rb") as f:
    model = pickle.load(f)


@app.post("/v1/usecases/churn-risk/predict")
async def predict(request: Request):
    return answer(model, await request.json())
