// `npm run schema`: writes docs/journey-map.schema.json from the entity schemas.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { journeyMapJsonSchemaText } from '../../src/domain/format/jsonSchema';

const target = join(import.meta.dirname, '../../docs/journey-map.schema.json');
writeFileSync(target, journeyMapJsonSchemaText());
console.log(`wrote ${target}`);
