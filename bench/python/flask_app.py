"""The comparison model behind Flask, served by gunicorn."""
import os
import pickle

from flask import Flask, request, jsonify

from churn_model import answer

app = Flask(__name__)
with open(os.environ["MODEL"], "rb") as f:
    model = pickle.load(f)


@app.post("/v1/usecases/churn-risk/predict")
def predict():
    return jsonify(answer(model, request.get_json()))
