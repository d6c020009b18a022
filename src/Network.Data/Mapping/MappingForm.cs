using Network.Analysis.Domain;

namespace Network.Data.Mapping;

/// <summary>What one uploaded file becomes, as a person chooses it in a form: a kind of record or a relationship, and which column fills what.</summary>
public sealed class FileChoice
{
    public string File { get; set; } = "";

    /// <summary>"node:Organisation", "relationship:PARTY_TO" or "skip".</summary>
    public string Target { get; set; } = "skip";

    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }
    public string? City { get; set; }
    public string? CityCountry { get; set; }

    /// <summary>Property → column ("kind" → "type"); an empty column leaves the property out (or as the mapping had it).</summary>
    public Dictionary<string, string?> Fields { get; set; } = [];
}

/// <summary>
/// The mapping as a form: every file's target and columns read out of a <see cref="MappingFile"/>, and the choices
/// applied back onto it. What the form does not show (id prefixes, translations of values, templates, fallbacks)
/// stays as the mapping had it, so the JSON stays the place for the rare cases the form cannot say.
/// </summary>
public static class MappingForm
{
    public static IReadOnlyList<string> Targets { get; } =
        [.. Enum.GetValues<NodeLabel>().Select(l => "node:" + l), .. Enum.GetValues<RelationshipType>().Select(t => "relationship:" + RelationshipTypes.Name(t)), "skip"];

    /// <summary>The form's reading of the mapping for each file.</summary>
    public static List<FileChoice> Read(MappingFile mapping, IEnumerable<string> files) => files.Select(file =>
    {
        if (mapping.Nodes.FirstOrDefault(n => n.File == file) is { } node)
        {
            return new FileChoice
            {
                File = file, Target = "node:" + node.Label, Id = node.Id.Column, Name = node.Name.Column,
                City = node.City?.Name, CityCountry = node.City?.Country,
                Fields = node.Properties.Where(p => p.Value.Column is not null).ToDictionary(p => p.Key, p => p.Value.Column),
            };
        }
        if (mapping.Relationships.FirstOrDefault(r => r.File == file) is { } relationship)
        {
            return new FileChoice
            {
                File = file, Target = "relationship:" + relationship.Type, From = relationship.From.Id?.Column, To = relationship.To.Id?.Column,
                Fields = relationship.Properties.Where(p => p.Value.Column is not null).ToDictionary(p => p.Key, p => p.Value.Column),
            };
        }
        return new FileChoice { File = file };
    }).ToList();

    /// <summary>The mapping with the form's choices applied; a choice that cannot be used is an error naming the file.</summary>
    public static MappingFile Apply(MappingFile mapping, IReadOnlyList<FileChoice> choices)
    {
        var nodes = mapping.Nodes.Where(n => choices.All(c => c.File != n.File)).ToList();
        var relationships = mapping.Relationships.Where(r => choices.All(c => c.File != r.File)).ToList();
        static string? Column(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        foreach (var choice in choices)
        {
            if (choice.Target.StartsWith("node:", StringComparison.Ordinal) && Enum.TryParse<NodeLabel>(choice.Target[5..], out var label))
            {
                var old = mapping.Nodes.FirstOrDefault(n => n.File == choice.File && n.Label == label.ToString());
                var id = Column(choice.Id) ?? throw new InvalidDataException($"{choice.File}: choose the column that holds each record's id.");
                var properties = new Dictionary<string, FieldSpec>();
                foreach (var property in MappingEngine.PropertiesOf(label))
                {
                    var oldSpec = old?.Properties.GetValueOrDefault(property);
                    if (Column(choice.Fields.GetValueOrDefault(property)) is { } column)
                        properties[property] = (oldSpec ?? new FieldSpec()) with { Column = column, Constant = null, Template = null };
                    else if (oldSpec is { Column: null })
                        properties[property] = oldSpec; // a constant or template the form does not show
                }
                var city = label == NodeLabel.Organisation && Column(choice.City) is { } cityColumn
                    ? Column(choice.CityCountry) is { } countryColumn
                        ? new CitySpec { Name = cityColumn, Country = countryColumn, CountryValues = old?.City?.CountryValues }
                        : throw new InvalidDataException($"{choice.File}: a city needs the column of its country too (two-letter codes).")
                    : null;
                nodes.Add(new NodeMapping
                {
                    File = choice.File,
                    Label = label.ToString(),
                    Id = (old?.Id ?? new FieldSpec { Prefix = MappingProposer.PrefixOf(label) }) with { Column = id },
                    Name = (old?.Name ?? new FieldSpec { Fallback = $"unnamed {label.ToString().ToLowerInvariant()} ({{{id}}})" }) with { Column = Column(choice.Name) },
                    Properties = properties,
                    City = city,
                });
            }
            else if (choice.Target.StartsWith("relationship:", StringComparison.Ordinal) && RelationshipTypes.TryParse(choice.Target[13..], out var type))
            {
                var name = RelationshipTypes.Name(type);
                var old = mapping.Relationships.FirstOrDefault(r => r.File == choice.File);
                var from = Column(choice.From) ?? throw new InvalidDataException($"{choice.File}: choose the column that holds where each {name} starts.");
                var to = Column(choice.To) ?? throw new InvalidDataException($"{choice.File}: choose the column that holds where each {name} ends.");
                // The form shows the role: it decides that one; every other property stays as the mapping had it.
                var properties = old?.Properties.Where(p => !choice.Fields.ContainsKey(p.Key)).ToDictionary(p => p.Key, p => p.Value) ?? [];
                foreach (var (property, value) in choice.Fields)
                {
                    if (Column(value) is { } column)
                        properties[property] = (old?.Properties.GetValueOrDefault(property) ?? new FieldSpec()) with { Column = column };
                    else if (old?.Properties.GetValueOrDefault(property) is { Column: null } constant)
                        properties[property] = constant;
                }
                relationships.Add(new RelationshipMapping
                {
                    File = choice.File,
                    Type = name,
                    From = old?.From.Id is { } f ? old.From with { Id = f with { Column = from } } : new EndSpec { Id = new FieldSpec { Column = from } },
                    To = old?.To.Id is { } t ? old.To with { Id = t with { Column = to } } : new EndSpec { Id = new FieldSpec { Column = to } },
                    Properties = properties,
                });
            }
            else if (choice.Target != "skip")
            {
                throw new InvalidDataException($"{choice.File}: '{choice.Target}' is not something a file can be ({string.Join(", ", Targets)}).");
            }
        }
        return mapping with { Nodes = nodes, Relationships = relationships };
    }
}
