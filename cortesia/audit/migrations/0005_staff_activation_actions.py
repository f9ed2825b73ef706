"""The audit actions for deactivating and reactivating staff."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0004_attachment_override_action"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("login", "Sign-in"),
                    ("login_2fa", "Sign-in, second step"),
                    ("logout", "Sign-out"),
                    ("password_reset_request", "Password reset requested"),
                    ("password_change", "Password changed"),
                    ("2fa_enable", "Two-factor authentication turned on"),
                    ("2fa_disable", "Two-factor authentication turned off"),
                    ("2fa_policy", "Two-factor requirement changed"),
                    ("user_create", "User created"),
                    ("user_update", "User changed"),
                    ("user_deactivate", "User deactivated"),
                    ("user_reactivate", "User reactivated"),
                    ("role_change", "Role changed"),
                    ("team_create", "Team created"),
                    ("team_update", "Team changed"),
                    ("team_member_add", "Team member added"),
                    ("team_member_remove", "Team member removed"),
                    ("token_create", "API token created"),
                    ("token_revoke", "API token revoked"),
                    ("calendar_create", "Business calendar created"),
                    ("calendar_update", "Business calendar changed"),
                    ("attachment_override", "Infected file downloaded despite the block"),
                ],
                max_length=40,
                verbose_name="action",
            ),
        ),
    ]
