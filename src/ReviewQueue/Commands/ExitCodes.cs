namespace ReviewQueue.Commands;

/// <summary>Exit codes (sysexits.h where one fits, so an MTA knows whether to retry).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 64;
    /// <summary>The mail could not be read; it is kept in the rejected table. Do not retry.</summary>
    public const int DataError = 65;
    public const int NoInput = 66;
    /// <summary>An output file could not be created (a folder that is not there, no permission).</summary>
    public const int CantCreate = 73;
    /// <summary>Storage failed (disk full, database locked): nothing was stored. Retry later.</summary>
    public const int TempFail = 75;
    public const int Config = 78;
}
