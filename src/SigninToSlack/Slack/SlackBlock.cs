using System.Text.Json.Serialization;

namespace SigninToSlack.Slack;

/// <summary>A Block Kit layout block; the <c>type</c> property names the derived record.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(HeaderBlock), "header")]
[JsonDerivedType(typeof(SectionBlock), "section")]
[JsonDerivedType(typeof(ContextBlock), "context")]
[JsonDerivedType(typeof(DividerBlock), "divider")]
internal abstract record SlackBlock;
