using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Modular.Web.TagHelpers;

/// <summary>
/// A labelled form field whose errors are tied to the input (<c>aria-describedby</c>, <c>aria-invalid</c>):
/// <c>&lt;field name="Email" label="…" type="email" value="…" autocomplete="email" required /&gt;</c>; with
/// <c>type="select"</c> and <see cref="Choices"/> a drop-down whose refusals show at it the same way.
/// </summary>
[HtmlTargetElement("field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper : TagHelper
{
    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = null!;

    public string Name { get; set; } = string.Empty;

    public string Label { get; set; } = string.Empty;

    public string Type { get; set; } = "text";

    public string? Value { get; set; }

    public string? Hint { get; set; }

    public string? Autocomplete { get; set; }

    public string? Inputmode { get; set; }

    public bool Required { get; set; }

    public bool Checked { get; set; }

    public string? Step { get; set; }

    /// <summary>The options of a <c>type="select"</c> field: value and text; the one equal to <see cref="Value"/> is selected.</summary>
    public IEnumerable<KeyValuePair<string, string>>? Choices { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var id = Name.Replace('.', '_');
        var errors = ViewContext.ViewData.ModelState
            .Where(kv => string.Equals(kv.Key, Name, StringComparison.OrdinalIgnoreCase))
            .SelectMany(kv => kv.Value?.Errors ?? []).Select(e => e.ErrorMessage).ToList();
        var describedBy = new List<string>();

        var input = Type == "select" ? Select() : new TagBuilder("input") { TagRenderMode = TagRenderMode.SelfClosing };
        input.Attributes["id"] = id;
        input.Attributes["name"] = Name;
        if (Type == "checkbox")
        {
            input.Attributes["value"] = "true";
            if (Checked)
            {
                input.Attributes["checked"] = "checked";
            }
        }
        else if (Type is not "password" and not "select" && Value is not null)
        {
            input.Attributes["value"] = Value;
        }

        if (Type != "select")
        {
            input.Attributes["type"] = Type;
        }

        Set(input, "autocomplete", Autocomplete);
        Set(input, "inputmode", Inputmode);
        Set(input, "step", Step);
        if (Required)
        {
            input.Attributes["required"] = "required";
        }

        var label = new TagBuilder("label");
        label.Attributes["for"] = id;
        label.InnerHtml.Append(Label);

        TagBuilder? hint = null;
        if (Hint is not null)
        {
            hint = new TagBuilder("p");
            hint.AddCssClass("hint");
            hint.Attributes["id"] = id + "-hint";
            hint.InnerHtml.Append(Hint);
            describedBy.Add(id + "-hint");
        }

        TagBuilder? error = null;
        if (errors.Count > 0)
        {
            error = new TagBuilder("p");
            error.AddCssClass("field-error");
            error.Attributes["id"] = id + "-error";
            error.InnerHtml.Append(string.Join(" ", errors));
            describedBy.Add(id + "-error");
            input.Attributes["aria-invalid"] = "true";
        }

        if (describedBy.Count > 0)
        {
            input.Attributes["aria-describedby"] = string.Join(' ', describedBy);
        }

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "field" + (Type == "checkbox" ? " field-check" : string.Empty) + (error is null ? string.Empty : " has-error"));
        if (Type == "checkbox")
        {
            output.Content.AppendHtml(input).AppendHtml(label);
        }
        else
        {
            output.Content.AppendHtml(label);
        }

        if (hint is not null)
        {
            output.Content.AppendHtml(hint);
        }

        if (error is not null)
        {
            output.Content.AppendHtml(error);
        }

        if (Type != "checkbox")
        {
            output.Content.AppendHtml(input);
        }
    }

    private TagBuilder Select()
    {
        var select = new TagBuilder("select");
        foreach (var (value, text) in Choices ?? [])
        {
            var option = new TagBuilder("option");
            option.Attributes["value"] = value;
            if (value == Value)
            {
                option.Attributes["selected"] = "selected";
            }

            option.InnerHtml.Append(text);
            select.InnerHtml.AppendHtml(option);
        }

        return select;
    }

    private static void Set(TagBuilder tag, string name, string? value)
    {
        if (value is not null)
        {
            tag.Attributes[name] = value;
        }
    }
}
