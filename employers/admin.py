from django.contrib import admin

from employers.models import EmployerContactKind, SbiSection, SectorCluster, SizeClass
from ijmondwerkt.codelists import CodeListAdmin

admin.site.register(SbiSection, CodeListAdmin)
admin.site.register(SectorCluster, CodeListAdmin)
admin.site.register(SizeClass, CodeListAdmin)
admin.site.register(EmployerContactKind, CodeListAdmin)
