"""Keep the actor's uid and name in each audit row, and protect rows from user deletion.

The actor's foreign key becomes PROTECT: SET_NULL was an UPDATE of an append-only row,
which the trigger refused, so deleting a user who had acted failed inside the database.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0005_staff_activation_actions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="actor_name",
            field=models.CharField(blank=True, max_length=300, verbose_name="actor name"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="actor_uid",
            field=models.UUIDField(blank=True, null=True, verbose_name="actor id"),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="actor",
            ),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="actor_label",
            field=models.CharField(blank=True, max_length=150, verbose_name="actor username"),
        ),
    ]
