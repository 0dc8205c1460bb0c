"""The comparison model: scikit-learn gradient-boosted trees on the same demo churn data Graft trains on.

Numbers go in as they are (HistGradientBoosting handles missing values), categories are one-hot encoded;
the free-text ticket field is left out (Graft's LightGBM uses it). Run: python3 churn_model.py customers.csv model.pkl
"""
import pickle
import sys

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder

NUMERIC = ["tenure_months", "monthly_charges", "total_charges", "support_tickets_90d", "logins_30d", "late_payments_12m", "nps_score"]
CATEGORICAL = ["plan", "contract", "payment_method", "region"]


def frame(rows):
    """A DataFrame with the model's columns from a list of input dicts; absent fields are missing."""
    data = pd.DataFrame.from_records(rows, columns=NUMERIC + CATEGORICAL)
    data[NUMERIC] = data[NUMERIC].apply(pd.to_numeric, errors="coerce")
    return data


def train(csv, out):
    data = pd.read_csv(csv)
    model = Pipeline([
        ("features", ColumnTransformer([
            ("numbers", "passthrough", NUMERIC),
            ("categories", OneHotEncoder(handle_unknown="ignore", sparse_output=False), CATEGORICAL),
        ])),
        ("trees", HistGradientBoostingClassifier(max_leaf_nodes=15, learning_rate=0.05, max_iter=300, early_stopping=True, random_state=42)),
    ])
    model.fit(frame(data.to_dict("records")), (data["churned"] == "Yes").astype(int))
    with open(out, "wb") as f:
        pickle.dump(model, f)


def answer(model, request):
    """Graft's response shape for one request: label, score, threshold."""
    score = float(model.predict_proba(frame([request["inputs"]]))[0, 1])
    return {"label": "Yes" if score >= 0.5 else "No", "score": score, "threshold": 0.5, "model_version": "sklearn-hgb"}


if __name__ == "__main__":
    train(sys.argv[1], sys.argv[2])
