// The petitions office's HTTP API: registering petitions and answering them.
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { DisputeIdParam, Metadata, OfficeCommand, defined, disputeIdFor, intakeAnswer, personOf, splitPlace, type CommandMetadata, type WriteResult } from '@hub/office-kit';
import { decidePetition, type PetitionCommand } from './petition.decider';
import { AnswerDto, PetitionDto } from './petition.dto';

@ApiTags('petition')
@Controller('v1/petition')
export class PetitionController {
  constructor(private readonly commands: CommandBus) {}

  private run(disputeId: string, command: PetitionCommand, meta: CommandMetadata, at?: string): Promise<WriteResult> {
    return this.commands.execute(new OfficeCommand('petition', disputeId, (s, w) => decidePetition(command, s, w), meta, at));
  }

  /**
   * Registers a petition. With `relatedTicketNo` it joins the dispute of that work order, so the
   * ledger sees a citizen who went from the hotline to the petitions office.
   */
  @Post('petitions')
  @HttpCode(202)
  async register(@Body() dto: PetitionDto, @Metadata('petition') meta: CommandMetadata) {
    const { place, address } = splitPlace(dto.place);
    const data = defined({
      petitionNo: dto.petitionNo,
      registeredAt: dto.registeredAt,
      form: dto.form,
      category: dto.category,
      place,
      summary: dto.summary,
      relatedTicketNo: dto.relatedTicketNo,
      personal: defined({ petitioner: personOf(dto.petitioner), address }),
    });
    return intakeAnswer(await this.run(this.disputeFor(dto), { type: 'RegisterPetition', data }, meta));
  }

  /**
   * A petition naming a work order belongs to that work order's dispute, whichever of the two
   * reaches the hub first; otherwise it starts a dispute of its own.
   */
  private disputeFor(dto: PetitionDto): string {
    return dto.relatedTicketNo ? disputeIdFor('ticket', dto.relatedTicketNo) : disputeIdFor('petition', dto.petitionNo);
  }

  @Post('disputes/:id/answers')
  @HttpCode(202)
  answer(@DisputeIdParam() id: string, @Body() { at, ...data }: AnswerDto, @Metadata('petition') meta: CommandMetadata) {
    return this.run(id, { type: 'AnswerPetition', data }, meta, at);
  }
}
