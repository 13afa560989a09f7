using Microsoft.Extensions.Options;

namespace ReviewQueue.Configuration;

sealed class SectionValidator<T> : IValidateOptions<T> where T : class, ISectionOptions
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var errors = options.Validate().ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
