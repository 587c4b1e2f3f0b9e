namespace RemotePc.Wire;

/// <param name="User">Null when the row was unusable and skipped.</param>
/// <param name="Malformed">True for skipped rows and for rows kept with a degraded field.</param>
internal readonly record struct UserRow(ResellerUser? User, bool Malformed);
