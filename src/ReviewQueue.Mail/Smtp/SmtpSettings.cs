using MailKit.Security;

namespace ReviewQueue.Mail.Smtp;

/// <summary>Where mail goes out; User null: no authentication.</summary>
public sealed record SmtpSettings(string Host, int Port, SecureSocketOptions Security, string? User, string? Password);
