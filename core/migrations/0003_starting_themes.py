from django.db import migrations

THEMES = [
    ("decentralisation", "Decentralisation and deconcentration", "វិមជ្ឈការ និងវិសហមជ្ឈការ"),
    ("civic-engagement", "Civic engagement", "ការចូលរួមរបស់ពលរដ្ឋ"),
    ("social-accountability", "Social accountability", "គណនេយ្យភាពសង្គម"),
    ("local-budgeting", "Local planning and budgeting", "ផែនការ និងថវិកាមូលដ្ឋាន"),
    ("public-services", "Public service delivery", "ការផ្តល់សេវាសាធារណៈ"),
    ("access-to-information", "Access to information", "ការទទួលបានព័ត៌មាន"),
    ("gender", "Gender equality", "សមភាពយេនឌ័រ"),
    ("youth", "Youth participation", "ការចូលរួមរបស់យុវជន"),
    ("climate-environment", "Climate and environment", "អាកាសធាតុ និងបរិស្ថាន"),
    ("agriculture", "Agriculture and livelihoods", "កសិកម្ម និងជីវភាព"),
    ("capacity-development", "Capacity development", "ការអភិវឌ្ឍសមត្ថភាព"),
]


def add_themes(apps, schema_editor):
    Theme = apps.get_model("core", "Theme")
    for position, (slug, name_en, name_km) in enumerate(THEMES):
        Theme.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name_en,
                "name_en": name_en,
                "name_km": name_km,
                "position": position,
            },
        )


def remove_themes(apps, schema_editor):
    apps.get_model("core", "Theme").objects.filter(
        slug__in=[slug for slug, *_ in THEMES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0002_load_places")]

    operations = [migrations.RunPython(add_themes, remove_themes)]
