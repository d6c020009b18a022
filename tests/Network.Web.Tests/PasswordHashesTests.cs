using Microsoft.AspNetCore.Identity;
using Network.Data.Users;

namespace Network.Web.Tests;

/// <summary>The data library hashes passwords without ASP.NET Core; users.db files written with Identity's hasher must still verify.</summary>
public sealed class PasswordHashesTests
{
    [Fact]
    public void AHashWrittenByIdentitysHasherVerifies()
    {
        var stored = new PasswordHasher<string>().HashPassword("anna", "correct horse battery");

        Assert.True(PasswordHashes.Verify(stored, "correct horse battery"));
        Assert.False(PasswordHashes.Verify(stored, "correct horse battery!"));
    }

    [Fact]
    public void IdentitysHasherAcceptsOurHashes()
    {
        var ours = PasswordHashes.Hash("correct horse battery");

        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<string>().VerifyHashedPassword("anna", ours, "correct horse battery"));
        Assert.NotEqual(ours, PasswordHashes.Hash("correct horse battery"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64 at all")]
    [InlineData("AQAAAAIAAYagAAAAEA==")]
    public void AMalformedHashNeverVerifies(string stored) => Assert.False(PasswordHashes.Verify(stored, "anything"));
}
