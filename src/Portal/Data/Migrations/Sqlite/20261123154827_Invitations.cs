using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Invitations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InvitationJobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PauseReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    PausedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PausedKeyFingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Total = table.Column<int>(type: "INTEGER", nullable: false),
                    Invited = table.Column<int>(type: "INTEGER", nullable: false),
                    Exists = table.Column<int>(type: "INTEGER", nullable: false),
                    AlreadyInvited = table.Column<int>(type: "INTEGER", nullable: false),
                    Failed = table.Column<int>(type: "INTEGER", nullable: false),
                    LeaseOwner = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    LeaseExpiresUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvitationJobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InvitationItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JobId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Computers = table.Column<int>(type: "INTEGER", nullable: false),
                    BatchNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    FailureReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RawStatus = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastAttemptUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SendInFlight = table.Column<bool>(type: "INTEGER", nullable: false),
                    EarlierOutcomeUnknown = table.Column<bool>(type: "INTEGER", nullable: false),
                    AlreadyInvitedAfterUnknownOutcome = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvitationItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InvitationItems_InvitationJobs_JobId",
                        column: x => x.JobId,
                        principalTable: "InvitationJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InvitationItems_JobId_Email",
                table: "InvitationItems",
                columns: new[] { "JobId", "Email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InvitationItems_JobId_State_BatchNumber",
                table: "InvitationItems",
                columns: new[] { "JobId", "State", "BatchNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_InvitationJobs_CreatedUtc",
                table: "InvitationJobs",
                column: "CreatedUtc");

            migrationBuilder.CreateIndex(
                name: "IX_InvitationJobs_Status",
                table: "InvitationJobs",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InvitationItems");

            migrationBuilder.DropTable(
                name: "InvitationJobs");
        }
    }
}
