namespace Graft.Server.Serving.OpenInference;

/// <summary>What <c>GET /v2/health/live</c> answers.</summary>
public sealed record OipLiveness(bool Live);
